// The KPI dashboard's charts, drawn with Chart.js from /console/kpis/data (the API's report for the same days).
// The same figures are in the tables under the charts.
(function () {
  'use strict';
  function pct(v) {
    return v === null || v === undefined ? null : Math.round(v * 1000) / 10;
  }
  function chart(id, config) {
    var el = document.getElementById(id);
    if (el && window.Chart) {
      config.options = Object.assign({responsive: true, maintainAspectRatio: false, animation: false}, config.options);
      el.petwatchChart = new Chart(el, config);
    }
  }
  function draw() {
    var box = document.getElementById('kpi-charts');
    if (!box || !window.Chart) {
      return;
    }
    fetch(box.dataset.url, {credentials: 'same-origin'}).then(function (r) {
      if (!r.ok) {
        throw new Error('the KPI data did not load (' + r.status + ')');
      }
      return r.json();
    }).then(function (k) {
      var days = k.byDay.map(function (r) { return r.group; });
      chart('chart-days', {
        type: 'bar',
        data: {labels: days, datasets: [
          {label: 'Prevented', data: k.byDay.map(function (r) { return r.ticketsPrevented; }), backgroundColor: '#3c8a3c'},
          {label: 'Escalated', data: k.byDay.map(function (r) { return r.escalated; }), backgroundColor: '#a33a1f'},
          {label: 'Other', data: k.byDay.map(function (r) {
            return Math.max(0, r.cases - r.ticketsPrevented - r.escalated);
          }), backgroundColor: '#9aa7b8'}
        ]},
        options: {scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true}}}
      });
      chart('chart-notify', {
        type: 'line',
        data: {labels: days, datasets: [
          {label: 'Median', data: k.byDay.map(function (r) { return r.timeToNotifyP50; }), borderColor: '#1f5fbf'},
          {label: '95th percentile', data: k.byDay.map(function (r) { return r.timeToNotifyP95; }),
            borderColor: '#a33a1f', borderDash: [6, 4]}
        ]},
        options: {spanGaps: true, scales: {y: {beginAtZero: true}}}
      });
      chart('chart-rates', {
        type: 'line',
        data: {labels: days, datasets: [
          {label: 'Response rate %', data: k.byDay.map(function (r) { return pct(r.responseRate); }),
            borderColor: '#1f5fbf'},
          {label: 'Escalation rate %', data: k.byDay.map(function (r) { return pct(r.escalationRate); }),
            borderColor: '#a33a1f'},
          {label: 'Resolved by automation %', data: k.byDay.map(function (r) {
            return pct(r.automationResolutionRate);
          }), borderColor: '#3c8a3c'},
          {label: 'Opt-outs %', data: k.byDay.map(function (r) { return pct(r.optOutRate); }),
            borderColor: '#b07a12', borderDash: [4, 3]}
        ]},
        options: {spanGaps: true, scales: {y: {beginAtZero: true, max: 100}}}
      });
      var variants = k.byVariant.map(function (r) { return r.group; });
      chart('chart-variants', {
        type: 'bar',
        data: {labels: variants, datasets: [
          {label: 'Response rate %', data: k.byVariant.map(function (r) { return pct(r.responseRate); }),
            backgroundColor: '#1f5fbf'},
          {label: 'Escalation rate %', data: k.byVariant.map(function (r) { return pct(r.escalationRate); }),
            backgroundColor: '#a33a1f'},
          {label: 'Resolved by automation %', data: k.byVariant.map(function (r) {
            return pct(r.automationResolutionRate);
          }), backgroundColor: '#3c8a3c'},
          {label: 'Opt-outs %', data: k.byVariant.map(function (r) { return pct(r.optOutRate); }),
            backgroundColor: '#b07a12'}
        ]},
        options: {scales: {y: {beginAtZero: true, max: 100}}}
      });
      var detectors = Object.keys(k.falseAlarmRateByDetector);
      chart('chart-detectors', {
        type: 'bar',
        data: {labels: detectors, datasets: [
          {label: 'False alarm rate %', data: detectors.map(function (d) { return pct(k.falseAlarmRateByDetector[d]); }),
            backgroundColor: '#b07a12'}
        ]},
        options: {indexAxis: 'y', scales: {x: {beginAtZero: true, max: 100}}}
      });
      box.dataset.drawn = 'true';
    }).catch(function (e) {
      box.textContent = e.message;
    });
  }
  document.addEventListener('DOMContentLoaded', draw);
})();
