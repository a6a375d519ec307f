// The live progress of a run on its page: asks the API for its status every second until it has finished. The bar's
// width is set here, from its aria-valuenow, as the page's Content-Security-Policy allows no style attribute.
(function () {
    'use strict';

    var root = document.getElementById('run-progress');
    if (!root) {
        return;
    }
    var FINISHED = ['COMPLETED', 'FAILED', 'STOPPED', 'EXPIRED'];
    var url = root.getAttribute('data-status-url');
    var status = document.getElementById('run-status');
    var rows = document.getElementById('run-rows');
    var bar = root.querySelector('.progress');
    var fill = bar.querySelector('div');
    var message = document.getElementById('run-message');
    var download = document.getElementById('run-download');
    var fileName = document.getElementById('run-file-name');
    var cancel = document.getElementById('run-cancel');
    var expected = document.getElementById('run-expected');
    var rowsWord = document.getElementById('run-rows-word');
    var kept = document.getElementById('run-kept');
    var keptUntil = document.getElementById('run-kept-until');
    var result = document.getElementById('run-result');
    var numbers = new Intl.NumberFormat('en-GB');

    function render(run) {
        status.textContent = run.statusText || run.status;
        rows.textContent = numbers.format(run.rowsWritten);
        expected.textContent = run.expected || '';
        expected.hidden = !run.expected;
        rowsWord.textContent = run.rowsWritten === 1 && !run.expected ? 'row' : 'rows';
        var known = typeof run.percent === 'number';
        // No estimate while it runs: a bar that sweeps; at COMPLETED the API says 100.
        bar.classList.toggle('indeterminate', !known && !run.finished);
        fill.style.width = (known ? run.percent : 0) + '%';
        if (known) {
            bar.setAttribute('aria-valuenow', String(run.percent));
        } else {
            bar.removeAttribute('aria-valuenow');
        }
        message.textContent = run.message || '';
        message.hidden = !run.message;
        download.hidden = !run.download;
        if (run.fileName) {
            fileName.textContent = run.fileName;
        }
        cancel.hidden = run.finished;
        if (run.keptUntil) {
            keptUntil.textContent = run.keptUntil;
        }
        kept.hidden = !run.keptUntil;
    }

    // Once finished, what the server draws of the result (its first rows, why it found nothing, "Run again") is put
    // in from the page fetched again, so that it is the same as on a page opened later.
    function showResult() {
        fetch(window.location.href, {credentials: 'same-origin', cache: 'no-store'})
            .then(function (response) {
                return response.ok ? response.text() : null;
            })
            .then(function (html) {
                var drawn = html && new DOMParser().parseFromString(html, 'text/html').getElementById('run-result');
                if (drawn) {
                    result.innerHTML = drawn.innerHTML;
                }
            })
            .catch(function () {
                // The download and "Kept until" are shown already; the rest comes with a reload.
            });
    }

    function stop(text) {
        message.textContent = text;
        message.hidden = false;
        bar.classList.remove('indeterminate');
    }

    function poll() {
        fetch(url, {headers: {Accept: 'application/json'}, credentials: 'same-origin', cache: 'no-store'})
            .then(function (response) {
                if (response.status === 401 || response.status === 403 || response.status === 404) {
                    stop('Your session has ended: reload the page (logging in again) to follow the run.');
                    return null;
                }
                if (!response.ok) {
                    throw new Error('HTTP ' + response.status);
                }
                return response.json();
            })
            .then(function (run) {
                if (!run) {
                    return;
                }
                render(run);
                if (FINISHED.indexOf(run.status) < 0) {
                    setTimeout(poll, 1000);
                } else {
                    showResult();
                }
            })
            .catch(function () {
                // The server or the network is away for a moment: try again, less often.
                setTimeout(poll, 5000);
            });
    }

    fill.style.width = (Number(bar.getAttribute('aria-valuenow')) || 0) + '%';
    if (FINISHED.indexOf(root.getAttribute('data-status')) < 0) {
        setTimeout(poll, 1000);
    }
})();
