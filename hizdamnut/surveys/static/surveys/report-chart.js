(function () {
  var node = document.getElementById("chart-data");
  if (!node || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  var colours = {"4": "#2e7d32", "3": "#9ccc65", "2": "#ffb74d", "1": "#e53935", "": "#bdbdbd"};
  var rtl = document.documentElement.dir === "rtl";
  new Chart(document.getElementById("items-chart"), {
    type: "bar",
    data: {labels: data.labels, datasets: data.series.map(function (s) {
      return {label: s.label, data: s.data, backgroundColor: colours[s.value]};
    })},
    options: {
      indexAxis: "y", maintainAspectRatio: false, animation: false,
      scales: {x: {stacked: true, max: 100, reverse: rtl, ticks: {callback: function (v) { return v + "%"; }}},
               y: {stacked: true, position: rtl ? "right" : "left"}},
      plugins: {legend: {rtl: rtl, position: "top"},
                tooltip: {rtl: rtl, callbacks: {label: function (c) { return c.dataset.label + ": " + c.parsed.x + "%"; }}}}
    }
  });
})();
