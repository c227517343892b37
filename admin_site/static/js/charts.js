/* The workbench charts: each .hotline-chart element carries its numbers (data-chart) and how to draw
   them (data-kind); the table under it shows the same numbers. */
(function (echarts) {
  var FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

  function option(kind, data) {
    if (kind === 'pie') {
      return { tooltip: { trigger: 'item' }, legend: { bottom: 0 },
               series: [{ type: 'pie', radius: '60%', data: data }] };
    }
    if (kind === 'ranking') {
      var shown = data.slice().reverse();
      return { tooltip: {}, grid: { left: 10, right: 30, containLabel: true },
               xAxis: { type: 'value', minInterval: 1 },
               yAxis: { type: 'category', data: shown.map(function (item) { return item.name; }) },
               series: [{ type: 'bar', data: shown.map(function (item) { return item.value; }),
                          label: { show: true, position: 'right' } }] };
    }
    return { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { top: 40, containLabel: true },
             xAxis: { type: 'category', data: data.months },
             yAxis: { type: 'value', minInterval: 1 },
             series: data.series.map(function (series) {
               return { name: series.name, type: kind === 'line' ? 'line' : 'bar',
                        stack: kind === 'stacked' ? 'total' : undefined, connectNulls: true, data: series.data };
             }) };
  }

  document.querySelectorAll('.hotline-chart').forEach(function (element) {
    var chart = echarts.init(element);
    var drawn = option(element.dataset.kind, JSON.parse(element.dataset.chart));
    drawn.textStyle = { fontFamily: FONT };
    if (element.dataset.colors) { drawn.color = JSON.parse(element.dataset.colors); }
    drawn.animation = false;
    chart.setOption(drawn);
    window.addEventListener('resize', function () { chart.resize(); });
  });
})(window.echarts);
