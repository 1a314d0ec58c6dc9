// The KPI page's DAU chart: the server renders [date, users] pairs as JSON in data-kpi-chart; this draws them with ECharts.
(() => {
    const element = document.querySelector("[data-kpi-chart]");
    if (!element || typeof echarts === "undefined") {
        return;
    }
    const days = JSON.parse(element.dataset.kpiChart);
    if (!days.some((day) => day[1] > 0)) {
        element.classList.add("kpi-chart-empty");
        element.textContent = element.dataset.noData;
        return;
    }
    const chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
        animation: false,
        grid: { left: 48, right: 16, top: 16, bottom: 32 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: days.map((day) => day[0]) },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ name: "DAU", type: "line", showSymbol: days.length <= 31, data: days.map((day) => day[1]), areaStyle: { opacity: 0.08 } }],
    });
    window.addEventListener("resize", () => chart.resize());
})();
