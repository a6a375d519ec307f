// Cumulative ticket sales of the company's current events, drawn as an inline SVG line chart (no library).
(function () {
    'use strict';

    var box = document.getElementById('sales-chart');
    if (!box) {
        return;
    }
    var SVG = 'http://www.w3.org/2000/svg';
    var COLOURS = ['#2b6cb0', '#c05621', '#2f855a', '#9b2c2c', '#6b46c1', '#b7791f', '#2c7a7b', '#97266d',
        '#4a5568', '#276749'];
    var WIDTH = 760;
    var HEIGHT = 320;
    var MARGIN = {top: 14, right: 20, bottom: 34, left: 56};
    var DAY = 86400000;
    var numbers = new Intl.NumberFormat('en-GB');

    // "2026-11-09" as a count of days, so that dates space evenly whatever the clocks do.
    function days(text) {
        var parts = text.split('-');
        return Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])) / DAY;
    }

    function dayLabel(count) {
        return new Date(count * DAY).toLocaleDateString('en-GB',
            {day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'});
    }

    function element(name, attributes, parent) {
        var node = document.createElementNS(SVG, name);
        Object.keys(attributes).forEach(function (key) {
            node.setAttribute(key, String(attributes[key]));
        });
        parent.appendChild(node);
        return node;
    }

    function text(parent, x, y, content, anchor) {
        var node = element('text', {x: x, y: y, 'text-anchor': anchor || 'middle'}, parent);
        node.textContent = content;
        return node;
    }

    function say(content) {
        box.textContent = '';
        var p = document.createElement('p');
        p.className = 'muted';
        p.textContent = content;
        box.appendChild(p);
    }

    // A round step for the vertical axis: 1, 2 or 5 times a power of ten, about four of them to the top.
    function step(max) {
        var rough = max / 4;
        var power = Math.pow(10, Math.floor(Math.log10(rough)));
        var candidates = [1, 2, 5, 10];
        for (var i = 0; i < candidates.length; i++) {
            if (candidates[i] * power >= rough) {
                return Math.max(1, candidates[i] * power);
            }
        }
        return Math.max(1, 10 * power);
    }

    function draw(chart) {
        if (chart.events.length === 0) {
            say('Your company has no events with performances from today on.');
            return;
        }
        var today = days(chart.today);
        var first = today - 1;
        var highest = 0;
        chart.events.forEach(function (event) {
            event.points.forEach(function (point) {
                first = Math.min(first, days(point.date));
                highest = Math.max(highest, point.tickets);
            });
        });
        var yStep = step(Math.max(highest, 1));
        var top = Math.max(yStep, Math.ceil(highest / yStep) * yStep);
        var plotWidth = WIDTH - MARGIN.left - MARGIN.right;
        var plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
        var x = function (day) {
            return MARGIN.left + (day - first) / (today - first) * plotWidth;
        };
        var y = function (tickets) {
            return MARGIN.top + plotHeight - Math.max(0, tickets) / top * plotHeight;
        };

        box.textContent = '';
        var svg = element('svg', {
            viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img',
            'aria-label': 'Cumulative tickets sold per event, ' + dayLabel(first) + ' to ' + dayLabel(today)
        }, box);
        for (var value = 0; value <= top; value += yStep) {
            element('line', {class: 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value)},
                svg);
            text(svg, MARGIN.left - 6, y(value) + 4, numbers.format(value), 'end');
        }
        element('line', {class: 'axis', x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: y(0)}, svg);
        element('line', {class: 'axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0)}, svg);
        text(svg, MARGIN.left, HEIGHT - 10, dayLabel(first), 'start');
        text(svg, WIDTH - MARGIN.right, HEIGHT - 10, dayLabel(today) + ' (today)', 'end');
        if (today - first > 2) {
            var middle = Math.round((first + today) / 2);
            text(svg, x(middle), HEIGHT - 10, dayLabel(middle));
        }

        var legend = document.createElement('ul');
        legend.className = 'legend';
        chart.events.forEach(function (event, index) {
            var colour = COLOURS[index % COLOURS.length];
            var total = event.points.length ? event.points[event.points.length - 1].tickets : 0;
            if (event.points.length) {
                // A step line: the total holds until the next day with sales or returns, and up to today.
                var path = 'M' + x(days(event.points[0].date)) + ' ' + y(0);
                event.points.forEach(function (point) {
                    path += ' H' + x(days(point.date)) + ' V' + y(point.tickets);
                });
                path += ' H' + x(today);
                var line = element('path', {class: 'line', d: path, stroke: colour}, svg);
                element('title', {}, line).textContent = event.name + ': ' + numbers.format(total) + ' sold';
            }
            var item = document.createElement('li');
            var swatch = document.createElement('span');
            swatch.className = 'swatch';
            swatch.style.background = colour;
            item.appendChild(swatch);
            item.appendChild(document.createTextNode(event.name + ' — ' + numbers.format(total) + ' sold; next '
                + new Date(event.nextPerformance).toLocaleDateString('en-GB',
                    {day: 'numeric', month: 'short', year: 'numeric', timeZone: chart.timeZone})));
            legend.appendChild(item);
        });
        box.appendChild(legend);
    }

    fetch(box.getAttribute('data-source'), {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
        .then(function (response) {
            if (!response.ok) {
                throw new Error('HTTP ' + response.status);
            }
            return response.json();
        })
        .then(draw)
        .catch(function () {
            say('The chart could not be loaded. Reload the page to try again.');
        });
})();
