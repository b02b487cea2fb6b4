// Audience insights charts (Chart.js from the WebJar). The numbers come from the JSON block the
// server rendered into the page; every chart has a data table with the same numbers next to it.
(function () {
  'use strict';
  // Long category names (questions) are cut on the axis; the tooltip and the data table keep them whole.
  function shortLabel(value) {
    var label = this.getLabelForValue(value);
    // at most ~40% of the chart's width for the label (Chart.js clips a longer one at the canvas edge:
    // "o thun cotton Sen Đá: bảng size" in a narrow card), about 6.5 px per character at the axis font
    var max = Math.max(10, Math.min(36, Math.floor(this.chart.width * 0.4 / 6.5)));
    return label.length > max ? label.slice(0, max - 1) + '\u2026' : label;
  }

  function draw() {
    var block = document.getElementById('insights-data');
    if (!block || typeof Chart === 'undefined') { return; }
    var data = JSON.parse(block.textContent);
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
    Object.keys(data).forEach(function (id) {
      var canvas = document.getElementById(id);
      if (!canvas) { return; }
      var c = data[id];
      var config;
      if (c.kind === 'sentiment') {
        var sets = c.series.map(function (s) {
          return { type: 'bar', label: s.label, data: s.data, backgroundColor: s.color, stack: 'n', yAxisID: 'y' };
        });
        sets.push({ type: 'line', label: c.netLabel, data: c.net, borderColor: '#1f5fbf', backgroundColor: '#1f5fbf',
          yAxisID: 'net', spanGaps: true, tension: 0.2 });
        config = { data: { labels: c.labels, datasets: sets }, options: {
          maintainAspectRatio: false,
          scales: { y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
                    x: { stacked: true },
                    net: { position: 'right', min: -1, max: 1, grid: { drawOnChartArea: false } } } } };
      } else if (c.kind === 'doughnut') {
        config = { type: 'doughnut', data: { labels: c.labels, datasets: c.series.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: s.colors };
        }) }, options: { maintainAspectRatio: false } };
      } else {
        config = { type: 'bar', data: { labels: c.labels, datasets: c.series.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: s.color };
        }) }, options: { maintainAspectRatio: false, indexAxis: c.horizontal ? 'y' : 'x',
          plugins: { legend: { display: false } },
          scales: c.horizontal
            ? { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { callback: shortLabel } } }
            : { y: { beginAtZero: true } } } };
      }
      canvas.dataset.drawn = 'true';
      new Chart(canvas, config);
    });
    document.body.dataset.chartsDrawn = 'true';
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
