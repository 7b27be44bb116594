// The case page's evidence chart, drawn with uPlot from /console/cases/ID/activity: the pet's hourly activity over
// the day before the alert's window and the window itself, against its usual range (the band) and its median (dashed),
// with the minutes the collar was worn. The same numbers are in the table under the chart.
(function () {
  'use strict';

  // Greys out the day before the window, so the eye finds where the alert's window starts.
  function shadeBeforeWindow(windowStart) {
    return function (u) {
      var left = u.valToPos(u.data[0][0], 'x', true);
      var right = u.valToPos(windowStart, 'x', true);
      if (right <= left) {
        return;
      }
      var ctx = u.ctx;
      ctx.save();
      ctx.fillStyle = 'rgba(90, 100, 120, 0.10)';
      ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
      ctx.restore();
    };
  }

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
      var opts = {
        width: Math.max(280, el.clientWidth),
        height: 280,
        series: [
          {},
          {label: 'Activity', stroke: '#1f5fbf', width: 2},
          {label: 'Median', stroke: '#a33a1f', width: 2, dash: [6, 4]},
          {label: 'Worn minutes', stroke: '#3c8a3c', width: 1, scale: 'min'},
          {label: 'Usual low', stroke: 'rgba(163, 58, 31, 0.35)', width: 1},
          {label: 'Usual high', stroke: 'rgba(163, 58, 31, 0.35)', width: 1}
        ],
        bands: [{series: [5, 4], fill: 'rgba(163, 58, 31, 0.12)'}],
        axes: [{}, {label: 'activity counts'}, {side: 1, scale: 'min', label: 'worn min', grid: {show: false}}],
        scales: {min: {range: [0, 60]}},
        hooks: {drawClear: [shadeBeforeWindow(d.windowStart)]}
      };
      window.petwatchChart = new uPlot(opts, [d.hours, d.activity, d.baseline, d.worn, d.low, d.high], el);
      el.dataset.drawn = 'true';
    }).catch(function (e) {
      el.textContent = e.message;
    });
  }
  document.addEventListener('DOMContentLoaded', draw);
})();
