(function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const rtl = document.documentElement.dir === "rtl";
  const canvas = document.getElementById("inquiry-chart");
  new Chart(canvas, {
    type: "bar",
    data: {labels: data.labels, datasets: [{label: canvas.dataset.label, data: data.counts, backgroundColor: "#1095c1"}]},
    options: {
      indexAxis: "y", animation: false, plugins: {legend: {display: false}},
      scales: {x: {reverse: rtl, ticks: {precision: 0}}, y: {position: rtl ? "right" : "left"}}
    }
  });
})();
