// The goals page's revenue chart: the server renders revenue per day as JSON in data-revenue-chart; this draws it with ECharts.
(() => {
    "use strict";

    const element = document.querySelector("[data-revenue-chart]");
    if (!element || typeof echarts === "undefined") {
        return;
    }
    const data = JSON.parse(element.dataset.revenueChart);
    const money = new Intl.NumberFormat(document.documentElement.lang || undefined, {
        minimumFractionDigits: data.decimals,
        maximumFractionDigits: data.decimals,
    });
    const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    const axisLabel = { color: "#64748b", fontSize: 11 };
    const empty = !data.revenue.some((value) => value);
    const chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
        color: ["#14b8a6", "#6366f1"],
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        legend: { top: 0, right: 0, icon: "roundRect", itemWidth: 12, itemHeight: 4, textStyle: { color: "#475569" } },
        tooltip: {
            trigger: "axis",
            axisPointer: { type: "shadow" },
            backgroundColor: "#0f172a",
            borderWidth: 0,
            textStyle: { color: "#e2e8f0", fontSize: 12 },
        },
        xAxis: {
            type: "category",
            data: data.labels,
            axisLabel: { ...axisLabel, hideOverlap: true },
            axisLine: { lineStyle: { color: "#e3e8ef" } },
            axisTick: { show: false },
        },
        yAxis: [
            { type: "value", axisLabel: { ...axisLabel, formatter: (value) => data.symbol + numbers.format(value) }, splitLine: { lineStyle: { color: "#eef1f6" } } },
            { type: "value", minInterval: 1, axisLabel, splitLine: { show: false } },
        ],
        graphic: empty ? [{ type: "text", left: "center", top: "middle", silent: true, style: { text: data.texts.noData, fill: "#94a3b8", fontSize: 13 } }] : [],
        series: [
            {
                name: data.texts.revenue,
                type: "bar",
                barMaxWidth: 28,
                itemStyle: { borderRadius: [5, 5, 0, 0] },
                tooltip: { valueFormatter: (value) => data.symbol + money.format(value) },
                data: data.revenue,
            },
            {
                name: data.texts.orders,
                type: "line",
                yAxisIndex: 1,
                showSymbol: false,
                tooltip: { valueFormatter: (value) => numbers.format(value) },
                data: data.orders,
            },
        ],
    });
    new ResizeObserver(() => chart.resize()).observe(element);
})();
