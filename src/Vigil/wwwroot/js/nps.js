// The Feedback page's NPS trend: the server renders weekly points as JSON in data-nps-chart; this draws them with ECharts.
(() => {
    const element = document.querySelector("[data-nps-chart]");
    if (!element || typeof echarts === "undefined") {
        return;
    }
    const points = JSON.parse(element.dataset.npsChart);
    const chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
        animation: false,
        grid: { left: 40, right: 40, top: 16, bottom: 32 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "time", splitNumber: 6 },
        yAxis: [
            { type: "value", min: -100, max: 100 },
            { type: "value", minInterval: 1, splitLine: { show: false } },
        ],
        series: [
            { name: "n", type: "bar", yAxisIndex: 1, itemStyle: { opacity: 0.25 }, data: points.map((point) => [point.start, point.responses]) },
            { name: "NPS", type: "line", connectNulls: true, data: points.map((point) => [point.start, point.score]) },
        ],
    });
    window.addEventListener("resize", () => chart.resize());
})();
