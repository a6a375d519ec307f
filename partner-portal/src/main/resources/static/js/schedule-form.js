// The schedule form: choosing another saved report shows its settings at once (the form is sent with the action
// "choose", which saves nothing). Without JavaScript the "Show its settings" button does the same. Only the fields
// that fit the chosen way of giving the time, the chosen "for whom" and the chosen period are shown; without
// JavaScript all of them are, and those that do not fit are ignored.
(function () {
    'use strict';

    var select = document.getElementById('savedReport');
    var choose = document.getElementById('choose-saved-report');
    if (select && choose) {
        choose.hidden = true;
        select.addEventListener('change', function () {
            choose.click();
        });
    }

    function showFitting(selector, attribute, value) {
        document.querySelectorAll(selector).forEach(function (part) {
            part.hidden = part.getAttribute(attribute).split(' ').indexOf(value) < 0;
        });
    }

    function whenMode() {
        var checked = document.querySelector('input[name=whenMode]:checked');
        return checked ? checked.value : '';
    }

    function followWhen() {
        showFitting('[data-when]', 'data-when', whenMode());
    }

    document.querySelectorAll('input[name=whenMode]').forEach(function (radio) {
        radio.addEventListener('change', followWhen);
    });
    followWhen();

    // The words and times shown were those of the time as checked: once it changes, they no longer are.
    var when = document.getElementById('when');
    if (when) {
        var forget = function () {
            ['form-when', 'preview'].forEach(function (id) {
                var shown = document.getElementById(id);
                if (shown) {
                    shown.hidden = true;
                }
            });
        };
        when.addEventListener('input', forget);
        when.addEventListener('change', forget);
    }

    var fanOut = document.getElementById('fanOut');
    if (fanOut) {
        var followFanOut = function () {
            showFitting('[data-fan-out]', 'data-fan-out', fanOut.value);
        };
        fanOut.addEventListener('change', followFanOut);
        followFanOut();
    }

    // Custom dates only when "Custom dates" is chosen.
    document.querySelectorAll('select.period-choice').forEach(function (period) {
        var dates = document.querySelector('[data-period-dates="' + period.id + '"]');
        if (!dates) {
            return;
        }
        var followPeriod = function () {
            dates.hidden = period.value !== 'custom';
        };
        period.addEventListener('change', followPeriod);
        followPeriod();
    });
}());
