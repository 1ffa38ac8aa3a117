(function () {
  if (!window.Chart) return;
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var rtl = document.documentElement.dir === "rtl";
  // Right to left, the value axis stands on the right and the x axis runs from the right, so the slanted label
  // of the leftmost bar leans past the canvas's left edge: leave it room there.
  var common = {maintainAspectRatio: false, animation: false, layout: {padding: rtl ? {left: 40} : {}},
                plugins: {legend: {rtl: rtl}, tooltip: {rtl: rtl}}};
  new Chart(document.getElementById("trend-chart"), {
    type: "bar",
    data: {labels: data.trend.labels, datasets: [{label: data.trend.label, data: data.trend.values, backgroundColor: "#42a5f5"}]},
    options: Object.assign({scales: {x: {reverse: rtl}, y: {beginAtZero: true, position: rtl ? "right" : "left", ticks: {precision: 0}}}}, common)
  });
  var canvas = document.getElementById("comparison-chart");
  if (canvas && data.comparison) {
    var median = data.comparison.labels.map(function () { return data.comparison.median; });
    new Chart(canvas, {
      data: {labels: data.comparison.labels, datasets: [
        {type: "bar", label: data.comparison.label, data: data.comparison.values, backgroundColor: "#26a69a"},
        {type: "line", label: data.comparison.median_label, data: median, borderColor: "#e65100", pointRadius: 0, borderDash: [6, 4]}
      ]},
      options: Object.assign({scales: {x: {reverse: rtl}, y: {beginAtZero: true, position: rtl ? "right" : "left"}}}, common)
    });
  }
  var placement = document.getElementById("placement-chart");
  if (placement && data.placement) {
    var p = data.placement;
    new Chart(placement, {
      data: {labels: p.labels, datasets: [
        {type: "bar", label: p.label, data: p.values, backgroundColor: "#7e57c2"},
        {type: "line", label: p.target_label, data: p.targets, borderColor: "#2e7d32", backgroundColor: "#2e7d32", pointStyle: "rectRot", pointRadius: 7, showLine: false},
        {type: "line", label: p.median_label, data: p.labels.map(function () { return p.median; }), borderColor: "#e65100", pointRadius: 0, borderDash: [6, 4]}
      ]},
      options: Object.assign({scales: {x: {reverse: rtl}, y: {beginAtZero: true, suggestedMax: 60, position: rtl ? "right" : "left"}}}, common)
    });
  }
})();
