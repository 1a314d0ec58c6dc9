// The live dashboard: one server-sent-events stream per open page. Each message carries only what changed:
// the tiles and the alerts panel as HTML rendered by the server, the charts as data that this file styles and hands to ECharts.
(() => {
    "use strict";

    const root = document.querySelector("[data-dashboard]");
    if (!root || typeof echarts === "undefined") {
        return;
    }
    const config = JSON.parse(root.dataset.config);
    const texts = config.texts;
    const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    const palette = ["#6366f1", "#14b8a6", "#f59e0b", "#ec4899", "#0ea5e9", "#84cc16", "#a855f7", "#64748b"];
    const axisLabel = { color: "#64748b", fontSize: 11 };
    const charts = new Map();
    // A plan keeps its colour when the range changes its rank.
    const planColors = new Map();
    let range = config.range;
    let source = null;
    let retryDelay = 1000;
    let retryTimer = 0;

    function chart(name) {
        let instance = charts.get(name);
        if (!instance) {
            const element = root.querySelector(`[data-chart="${name}"]`);
            element.classList.remove("skeleton");
            instance = echarts.init(element, null, { renderer: "canvas" });
            new ResizeObserver(() => instance.resize()).observe(element);
            charts.set(name, instance);
        }
        return instance;
    }

    function isEmpty(values) {
        return !values.some((value) => value);
    }

    // One graphic element per chart, shown or hidden, so that option merges never leave a stale message behind.
    function emptyMessage(visible) {
        return {
            elements: [{
                id: "empty",
                type: "text",
                left: "center",
                top: "middle",
                invisible: !visible,
                silent: true,
                style: { text: texts.noData, fill: "#94a3b8", fontSize: 13, fontWeight: 500 },
            }],
        };
    }

    const tooltip = {
        trigger: "axis",
        backgroundColor: "#0f172a",
        borderWidth: 0,
        textStyle: { color: "#e2e8f0", fontSize: 12 },
        valueFormatter: (value) => (value == null ? "—" : numbers.format(value)),
    };
    const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };
    const valueAxis = {
        type: "value",
        minInterval: 1,
        axisLabel,
        splitLine: { lineStyle: { color: "#eef1f6" } },
    };
    const categoryAxis = (labels, boundaryGap) => ({
        type: "category",
        data: labels,
        boundaryGap,
        axisLabel: { ...axisLabel, hideOverlap: true },
        axisLine: { lineStyle: { color: "#e3e8ef" } },
        axisTick: { show: false },
    });

    function drawTraffic(data) {
        chart("traffic").setOption({
            color: ["#6366f1", "#14b8a6"],
            grid,
            tooltip,
            legend: { top: 0, right: 0, icon: "roundRect", itemWidth: 12, itemHeight: 4, textStyle: { color: "#475569" } },
            xAxis: categoryAxis(data.labels, false),
            yAxis: valueAxis,
            graphic: emptyMessage(isEmpty(data.pageViews) && isEmpty(data.activeUsers)),
            series: [
                {
                    id: "pageViews",
                    name: texts.pageViews,
                    type: "line",
                    smooth: 0.3,
                    showSymbol: false,
                    lineStyle: { width: 2.5 },
                    areaStyle: {
                        color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
                            { offset: 0, color: "rgba(99, 102, 241, 0.28)" },
                            { offset: 1, color: "rgba(99, 102, 241, 0.02)" },
                        ]),
                    },
                    data: data.pageViews,
                },
                {
                    id: "activeUsers",
                    name: texts.activeUsers,
                    type: "line",
                    smooth: 0.3,
                    showSymbol: false,
                    lineStyle: { width: 2.5 },
                    data: data.activeUsers,
                },
            ],
        });
    }

    function drawSignups(data) {
        const title = root.querySelector("[data-signups-title]");
        if (title) {
            title.textContent = data.title;
        }
        chart("signups").setOption({
            color: ["#8b5cf6"],
            grid: { ...grid, top: 16 },
            tooltip: { ...tooltip, axisPointer: { type: "shadow" } },
            xAxis: categoryAxis(data.labels, true),
            yAxis: valueAxis,
            graphic: emptyMessage(isEmpty(data.values)),
            series: [{
                id: "signups",
                name: texts.signups,
                type: "bar",
                barMaxWidth: 28,
                itemStyle: { borderRadius: [5, 5, 0, 0] },
                emphasis: { itemStyle: { color: "#7c3aed" } },
                data: data.values,
            }],
        });
    }

    function drawPlans(slices) {
        const total = slices.reduce((sum, slice) => sum + slice.value, 0);
        const data = slices.map((slice) => {
            if (!planColors.has(slice.name)) {
                planColors.set(slice.name, palette[planColors.size % palette.length]);
            }
            return {
                name: slice.name === "(none)" ? texts.noPlan : slice.name,
                value: slice.value,
                itemStyle: { color: planColors.get(slice.name) },
            };
        });
        const instance = chart("plans");
        instance.setOption({
            tooltip: {
                trigger: "item",
                backgroundColor: "#0f172a",
                borderWidth: 0,
                textStyle: { color: "#e2e8f0", fontSize: 12 },
                formatter: (item) => `${item.marker}${echarts.format.encodeHTML(item.name)}: <b>${numbers.format(item.value)}</b> (${item.percent}%)`,
            },
            legend: { show: total > 0, bottom: 0, type: "scroll", icon: "circle", itemWidth: 8, itemHeight: 8, textStyle: { color: "#475569" } },
            graphic: emptyMessage(total === 0),
            // The total sits in the hole of the donut, whose centre is 45% down the chart.
            title: {
                show: total > 0,
                text: numbers.format(total),
                subtext: texts.signups,
                left: "50%",
                top: Math.round(instance.getHeight() * 0.45 - 22),
                textAlign: "center",
                itemGap: 4,
                textStyle: { fontSize: 22, fontWeight: 700, color: "#0f172a" },
                subtextStyle: { fontSize: 12, color: "#64748b" },
            },
            series: [{
                id: "plans",
                name: texts.signups,
                type: "pie",
                radius: ["52%", "74%"],
                center: ["50%", "45%"],
                avoidLabelOverlap: true,
                showEmptyCircle: false,
                itemStyle: { borderColor: "#fff", borderWidth: 2, borderRadius: 4 },
                label: { show: false },
                labelLine: { show: false },
                data,
            }],
        });
    }

    function apply(update) {
        root.querySelector("[data-updated]").textContent = `${texts.updatedAt} ${update.asOf}`;
        if (update.tiles != null) {
            root.querySelector("[data-tiles]").innerHTML = update.tiles;
        }
        if (update.alerts != null) {
            root.querySelector("[data-alerts]").outerHTML = update.alerts;
        }
        if (update.hasData) {
            root.querySelector("[data-onboarding]")?.remove();
        }
        if (update.charts != null && update.charts.range === range) {
            drawTraffic(update.charts.traffic);
            drawSignups(update.charts.signups);
            drawPlans(update.charts.plans);
            charts.forEach((instance) => instance.hideLoading());
            root.dataset.chartsRange = update.charts.range;
        }
    }

    function setOnline(online) {
        const status = root.querySelector("[data-live-status]");
        status.classList.toggle("offline", !online);
        status.querySelector("[data-live-label]").textContent = online ? texts.live : texts.reconnecting;
    }

    function connect() {
        clearTimeout(retryTimer);
        source?.close();
        source = new EventSource(`${config.stream}?range=${encodeURIComponent(range)}`);
        source.addEventListener("update", (event) => {
            retryDelay = 1000;
            setOnline(true);
            apply(JSON.parse(event.data));
        });
        source.addEventListener("error", () => {
            setOnline(false);
            // The browser retries a dropped stream by itself; one answered with an error or a login page is closed for good.
            if (source.readyState === EventSource.CLOSED) {
                retryTimer = setTimeout(connect, retryDelay);
                retryDelay = Math.min(retryDelay * 2, 30000);
            }
        });
    }

    root.addEventListener("click", (event) => {
        const link = event.target.closest("a[data-range]");
        if (!link || event.metaKey || event.ctrlKey || event.shiftKey) {
            return;
        }
        event.preventDefault();
        if (link.dataset.range === range) {
            return;
        }
        range = link.dataset.range;
        root.querySelectorAll("a[data-range]").forEach((other) => other.classList.toggle("active", other === link));
        history.replaceState(null, "", link.href);
        // Each chart's CSV download follows the range its chart shows.
        root.querySelectorAll("a.csv-link").forEach((csv) => {
            const url = new URL(csv.href);
            url.searchParams.set("range", range);
            csv.href = url.pathname + url.search;
        });
        charts.forEach((instance) => instance.showLoading({ text: "", color: "#6366f1", maskColor: "rgba(255, 255, 255, 0.65)" }));
        connect();
    });

    // A hidden tab needs no updates: its stream is closed, and a fresh one brings everything up to date on return.
    document.addEventListener("visibilitychange", () => {
        if (document.hidden) {
            clearTimeout(retryTimer);
            source?.close();
            source = null;
        } else if (!source) {
            connect();
        }
    });

    connect();
})();
