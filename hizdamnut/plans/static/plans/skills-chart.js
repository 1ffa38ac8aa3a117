(function () {
  var canvas = document.getElementById("skills-chart");
  if (!canvas || !window.Chart) return;
  var data = JSON.parse(document.getElementById("skills-data").textContent);
  var dashes = {soft: [], core: [6, 3], professional: [2, 2]};
  new Chart(canvas, {
    type: "line",
    data: {labels: data.labels, datasets: data.datasets.map(function (d) {
      return {label: d.label + " · " + data.fields[d.field], data: d.data, borderDash: dashes[d.field], spanGaps: true, tension: 0};
    })},
    options: {animation: false, scales: {y: {min: 1, max: 5, ticks: {stepSize: 1}}}, plugins: {legend: {position: "bottom", rtl: document.dir === "rtl"}}}
  });
})();
