// The metrics page's chart: the server renders the lines as JSON in data-metrics-chart; this draws them with ECharts.
(() => {
    const element = document.querySelector("[data-metrics-chart]");
    if (!element || typeof echarts === "undefined") {
        return;
    }
    const lines = JSON.parse(element.dataset.metricsChart);
    if (!lines.some((line) => line.points.some((point) => point[1] !== null))) {
        element.classList.add("metrics-chart-empty");
        element.textContent = element.dataset.noData;
        return;
    }
    const chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
        animation: false,
        grid: { left: 56, right: 16, top: 32, bottom: 40 },
        legend: { type: "scroll", top: 0 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "time" },
        yAxis: { type: "value", scale: true },
        series: lines.map((line) => ({ name: line.name, type: "line", showSymbol: false, connectNulls: false, data: line.points })),
    });
    window.addEventListener("resize", () => chart.resize());
})();
