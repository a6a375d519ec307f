// An import's page while it runs: asks for its progress every second and shows each file's latest line; once the
// import has ended, the page is fetched again to show its outcome. Without scripts the page refreshes itself.
(function () {
    'use strict';

    var root = document.getElementById('import-progress');
    if (!root) {
        return;
    }
    var url = root.getAttribute('data-progress-url');
    var table = document.getElementById('import-table');
    var files = document.getElementById('import-files');
    var waiting = document.getElementById('import-waiting');
    var note = document.getElementById('import-note');
    var runningFor = document.getElementById('import-running-for');

    function render(progress) {
        var rows = document.createDocumentFragment();
        progress.files.forEach(function (file) {
            var row = document.createElement('tr');
            var name = document.createElement('td');
            name.textContent = file.file;
            var how = document.createElement('td');
            how.textContent = file.progress;
            row.appendChild(name);
            row.appendChild(how);
            rows.appendChild(row);
        });
        files.replaceChildren(rows);
        table.hidden = progress.files.length === 0;
        if (waiting) {
            waiting.hidden = progress.files.length > 0;
        }
        note.textContent = progress.note || '';
        note.hidden = !progress.note;
        if (runningFor) {
            runningFor.textContent = progress.runningFor;
        }
    }

    function poll() {
        fetch(url, {headers: {Accept: 'application/json'}, credentials: 'same-origin', cache: 'no-store'})
            .then(function (response) {
                return response.ok ? response.json() : null;
            })
            .then(function (progress) {
                if (!progress) {
                    window.setTimeout(poll, 3000);
                    return;
                }
                render(progress);
                if (progress.finished) {
                    window.location.reload();
                } else {
                    window.setTimeout(poll, 1000);
                }
            })
            .catch(function () {
                window.setTimeout(poll, 3000);
            });
    }

    window.setTimeout(poll, 1000);
}());
