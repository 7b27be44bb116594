// The case page's evidence chart: the pet's hourly activity against its own baseline, with the worn minutes, drawn
// with uPlot from /console/cases/ID/activity. The same numbers are in the table under the chart.
(function () {
  'use strict';
  function draw() {
    var el = document.getElementById('activity-chart');
    if (!el || !window.uPlot) {
      return;
    }
    fetch(el.dataset.url, {credentials: 'same-origin'}).then(function (r) {
      if (!r.ok) {
        throw new Error('the chart data did not load (' + r.status + ')');
      }
      return r.json();
    }).then(function (d) {
      var width = Math.max(280, el.clientWidth);
      var opts = {
        width: width,
        height: 280,
        series: [
          {},
          {label: 'Activity', stroke: '#1f5fbf', width: 2, fill: 'rgba(31,95,191,0.12)'},
          {label: 'Baseline', stroke: '#a33a1f', width: 2, dash: [6, 4]},
          {label: 'Worn minutes', stroke: '#3c8a3c', width: 1, scale: 'min'}
        ],
        axes: [{}, {label: 'activity counts'}, {side: 1, scale: 'min', label: 'worn min', grid: {show: false}}],
        scales: {min: {range: [0, 60]}}
      };
      window.petwatchChart = new uPlot(opts, [d.hours, d.activity, d.baseline, d.worn], el);
      el.dataset.drawn = 'true';
    }).catch(function (e) {
      el.textContent = e.message;
    });
  }
  document.addEventListener('DOMContentLoaded', draw);
})();
