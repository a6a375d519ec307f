// The customer-list builder (templates/fragments/list-builder.html): rows of conditions joined by "and also", "or"
// and "but not", the file's columns, live counts (and for administrators the first rows of a venue list). It keeps
// the definition, as JSON, in the hidden field "list", so that the surrounding form posts it; nobody types JSON.
// Everything it shows in words comes from the choices address; it is drawn with DOM calls only, as the page's
// Content-Security-Policy allows no inline script or style.
(function () {
    'use strict';

    var DEBOUNCE_MS = 300;
    var MAX_EVENTS_SHOWN = 100;
    var PREVIEW_ROWS = 20;
    var numbers = new Intl.NumberFormat('en-GB');
    var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    var JOINS = [
        {value: 'AND', label: 'and also', hint: 'Keeps only the customers in both the list so far and this row.'},
        {value: 'OR', label: 'or', hint: 'Adds the customers of this row to the list so far.'},
        {value: 'EXCEPT', label: 'but not', hint: 'Takes the customers of this row out of the list so far.'}
    ];
    var DEFAULT_COLUMNS = ['id', 'first_name', 'last_name', 'email'];
    var RUN = 'run';

    // ---- Small helpers -------------------------------------------------------------------------------------------

    function el(tag, attributes, children) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (name) {
            var value = attributes[name];
            if (value === null || value === undefined || value === false) {
                return;
            }
            if (name === 'text') {
                node.textContent = value;
            } else if (name === 'className') {
                node.className = value;
            } else {
                node.setAttribute(name, value === true ? '' : String(value));
            }
        });
        (children || []).forEach(function (child) {
            if (child) {
                node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
            }
        });
        return node;
    }

    function plural(count, one, many) {
        return numbers.format(count) + ' ' + (count === 1 ? one : many);
    }

    function day(iso) {
        var parts = iso.split('-');
        return Number(parts[2]) + ' ' + MONTHS[Number(parts[1]) - 1] + ' ' + parts[0];
    }

    function eventLabel(event) {
        if (!event.firstDate) {
            return event.title + ' (no performances)';
        }
        return event.title + ' (' + (event.firstDate === event.lastDate ? day(event.firstDate)
            : day(event.firstDate) + ' – ' + day(event.lastDate)) + ')';
    }

    // A period the choices do not list (a definition from a file, say), in words.
    function periodLabel(spec) {
        var counted = /^(last|next)-(\d+)-days$/.exec(spec);
        if (counted) {
            return (counted[1] === 'last' ? 'Last ' : 'Next ') + counted[2] + ' days';
        }
        return spec;
    }

    // ---- One builder ---------------------------------------------------------------------------------------------

    function start(root) {
        var json = root.querySelector('.lb-json');
        var main = root.querySelector('.lb-main');
        var rowsList = root.querySelector('.lb-rows');
        var countsBox = root.querySelector('.lb-counts');
        var statusLine = root.querySelector('.lb-status');
        var totalLine = root.querySelector('.lb-total');
        var funnelList = root.querySelector('.lb-funnel');
        var problemsBox = root.querySelector('.lb-problems');
        var previewBox = root.querySelector('.lb-preview');
        var previewStatus = root.querySelector('.lb-preview-status');
        var previewTable = root.querySelector('.lb-preview-table');
        var nameInput = root.querySelector('.lb-name');
        var prefix = 'lb' + Math.random().toString(36).slice(2, 7) + '-';
        var countUrl = root.getAttribute('data-count-url');
        var previewUrl = root.getAttribute('data-preview-url');
        var choicesUrl = root.getAttribute('data-choices-url');

        var choices = null;
        var state = {name: 'Customer list', company: null, segments: [], columns: null};
        var nextKey = 1;
        var timer = null;
        var inFlight = null;

        nameInput.id = prefix + 'name';
        root.querySelector('.lb-name-label').setAttribute('for', nameInput.id);

        // -- The company the list is for -------------------------------------------------------------------------

        function forCompany() {
            return choices.partnerCompany !== null;
        }

        function companyName(id) {
            var found = choices.partnerCompanies.filter(function (company) {
                return company.id === id;
            })[0];
            return found ? found.name : 'a partner company that no longer exists';
        }

        function loadChoices(companyId) {
            var url = choicesUrl;
            if (companyId !== null && companyId !== undefined && companyId !== '') {
                url += (url.indexOf('?') < 0 ? '?' : '&') + 'partnerCompany=' + encodeURIComponent(companyId);
            }
            return fetch(url, {headers: {Accept: 'application/json'}, credentials: 'same-origin', cache: 'no-store'})
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error(response.status === 401 || response.status === 403
                            ? 'Your session has ended: reload the page to log in again.'
                            : 'The choices could not be loaded; reload the page to try again.');
                    }
                    return response.json();
                });
        }

        function drawCompanyChooser() {
            var box = root.querySelector('.lb-company');
            box.textContent = '';
            if (!choices.companyChosen) {
                box.appendChild(el('p', {className: 'lb-for', text: 'The list is for ' + choices.partnerCompany.name
                        + ': it only ever holds customers who said yes to hearing from ' + choices.partnerCompany.name
                        + '.'}));
                return;
            }
            var id = prefix + 'company';
            var select = el('select', {id: id, name: 'partnerCompany'},
                [el('option', {value: '', text: 'The venue itself', selected: !forCompany()})]
                    .concat(choices.partnerCompanies.map(function (company) {
                        return el('option', {value: company.id, text: company.name,
                            selected: forCompany() && company.id === choices.partnerCompany.id});
                    })));
            select.addEventListener('change', function () {
                switchCompany(select.value === '' ? null : Number(select.value));
            });
            box.appendChild(el('label', {'for': id, text: 'Who is the list for?'}));
            box.appendChild(select);
            box.appendChild(el('p', {className: 'hint', text: 'For a partner company, the list holds only its customers'
                    + ' who said yes to hearing from it, and the counts show how many it would be sent.'}));
        }

        // Keeps what each row means when the company changes: "the company the list is for" becomes that company.
        function switchCompany(companyId) {
            var before = choices.partnerCompany ? choices.partnerCompany.id : null;
            loadChoices(companyId).then(function (loaded) {
                choices = loaded;
                state.segments.forEach(function (segment) {
                    if (companyId === null && segment.partnerCompany === RUN) {
                        segment.partnerCompany = before;
                    }
                    if (companyId !== null) {
                        segment.kinds = ['TICKET'];
                    }
                });
                state.columns = allowedColumns(state.columns);
                drawAll();
                root.querySelector('#' + prefix + 'company').focus();
                changed();
            }).catch(showLoadFailure);
        }

        // -- The definition and the rows' state ------------------------------------------------------------------

        function newSegment(type) {
            return {
                key: nextKey++, type: type, operator: 'AND', value: true,
                partnerCompany: type === 'partner-preference' && choices.partnerCompanies.length
                    ? choices.partnerCompanies[0].id : null,
                states: ['YES'], groupBy: 'OWNER', eventIds: null, period: '', from: '', to: '',
                minTickets: '1', kinds: ['TICKET'], minAmount: '0'
            };
        }

        function fromDefinition(definition) {
            state.name = typeof definition.name === 'string' ? definition.name : '';
            var ownId = forCompany() ? choices.partnerCompany.id : null;
            state.segments = (Array.isArray(definition.segments) ? definition.segments : []).map(function (given) {
                var segment = newSegment(given.type);
                segment.operator = given.operator || 'AND';
                segment.value = given.value !== false;
                var company = given.partnerCompany === undefined ? null : given.partnerCompany;
                segment.partnerCompany = company === ownId && ownId !== null ? RUN : company;
                segment.states = Array.isArray(given.states) ? given.states.slice() : [];
                segment.groupBy = given.groupBy || 'OWNER';
                segment.eventIds = Array.isArray(given.eventIds) ? given.eventIds.slice() : null;
                segment.minTickets = given.minTickets === undefined ? '1' : String(given.minTickets);
                segment.kinds = Array.isArray(given.kinds) ? given.kinds.slice() : ['TICKET'];
                segment.minAmount = given.minAmount === undefined ? '0' : String(given.minAmount);
                var custom = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(given.period || '');
                segment.period = custom ? 'custom' : given.period || '';
                segment.from = custom ? custom[1] : '';
                segment.to = custom ? custom[2] : '';
                return segment;
            });
            state.columns = Array.isArray(definition.columns) ? definition.columns.slice() : [];
        }

        function companyRef(segment) {
            if (forCompany()) {
                return RUN;
            }
            return segment.partnerCompany === null || segment.partnerCompany === '' ? undefined : segment.partnerCompany;
        }

        // A number as JSON when it reads as one; otherwise the text, for the server to refuse in words.
        function numberOrText(text) {
            var trimmed = String(text).trim();
            return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
        }

        function period(segment) {
            if (segment.period === 'custom') {
                return (segment.from || '') + '..' + (segment.to || '');
            }
            return segment.period || undefined;
        }

        function segmentJson(segment, index) {
            var out = {type: segment.type};
            if (index > 0) {
                out.operator = segment.operator;
            }
            if (segment.type === 'has-email') {
                if (!segment.value) {
                    out.value = false;
                }
            } else if (segment.type === 'partner-preference') {
                out.partnerCompany = companyRef(segment);
                out.states = segment.states.slice();
            } else if (segment.type === 'booking') {
                out.groupBy = segment.groupBy;
                out.partnerCompany = companyRef(segment);
                if (segment.eventIds !== null) {
                    out.eventIds = segment.eventIds.slice();
                }
                out.period = period(segment);
                out.minTickets = numberOrText(segment.minTickets);
            } else if (segment.type === 'purchasing') {
                out.groupBy = segment.groupBy;
                out.kinds = forCompany() ? ['TICKET'] : segment.kinds.slice();
                out.minAmount = numberOrText(segment.minAmount);
                out.period = period(segment);
                out.partnerCompany = companyRef(segment);
            }
            return out;
        }

        function definition() {
            var order = choices.columns.map(function (column) {
                return column.value;
            });
            return {
                name: state.name,
                segments: state.segments.map(segmentJson),
                columns: order.filter(function (name) {
                    return state.columns.indexOf(name) >= 0;
                }).concat(state.columns.filter(function (name) {
                    return order.indexOf(name) < 0;
                }))
            };
        }

        function allowedColumns(columns) {
            var allowed = choices.columns.filter(function (column) {
                return column.allowed;
            }).map(function (column) {
                return column.value;
            });
            return (columns || DEFAULT_COLUMNS).filter(function (name) {
                return allowed.indexOf(name) >= 0;
            });
        }

        // -- Drawing -----------------------------------------------------------------------------------------------

        function drawAll() {
            drawCompanyChooser();
            nameInput.value = state.name;
            drawRows();
            drawAddButtons();
            drawColumns();
        }

        function drawAddButtons() {
            var box = root.querySelector('.lb-add');
            box.querySelectorAll('button').forEach(function (button) {
                button.remove();
            });
            choices.segmentTypes.forEach(function (type) {
                var button = el('button', {type: 'button', className: 'secondary', title: type.explanation,
                    text: '+ ' + type.label});
                button.addEventListener('click', function () {
                    var segment = newSegment(type.value);
                    state.segments.push(segment);
                    drawRows();
                    focusRow(segment.key);
                    changed();
                });
                box.appendChild(button);
            });
        }

        function drawRows() {
            rowsList.textContent = '';
            state.segments.forEach(function (segment, index) {
                rowsList.appendChild(drawRow(segment, index));
            });
            root.querySelector('.lb-rows-box .hint').hidden = state.segments.length > 0;
        }

        function rowId(segment, name) {
            return prefix + 'r' + segment.key + '-' + name;
        }

        function typeLabel(type) {
            var found = choices.segmentTypes.filter(function (choice) {
                return choice.value === type;
            })[0];
            return found ? found.label : 'A kind of row this page does not know';
        }

        function drawRow(segment, index) {
            var last = index === state.segments.length - 1;
            var number = index + 1;
            var body = el('fieldset', {className: 'lb-row-box'},
                [el('legend', {text: 'Row ' + number + ': ' + typeLabel(segment.type)})]);
            if (index > 0) {
                body.appendChild(joinControl(segment));
            }
            controlsFor(segment).forEach(function (control) {
                body.appendChild(control);
            });
            body.appendChild(el('p', {className: 'field-error', 'data-error': 'row', hidden: true}));
            body.appendChild(el('p', {className: 'lb-row-count', id: rowId(segment, 'count')}));
            var tools = el('div', {className: 'lb-row-tools'}, [
                rowButton('Move up', 'Move row ' + number + ' up', index === 0, function () {
                    move(index, -1, 'up');
                }, 'up'),
                rowButton('Move down', 'Move row ' + number + ' down', last, function () {
                    move(index, 1, 'down');
                }, 'down'),
                rowButton('Remove', 'Remove row ' + number, false, function () {
                    remove(index);
                }, 'remove')
            ]);
            body.appendChild(tools);
            return el('li', {className: 'lb-row', 'data-key': segment.key}, [body]);
        }

        function rowButton(text, label, disabled, action, role) {
            var button = el('button', {type: 'button', className: 'secondary inline-button', 'aria-label': label,
                disabled: disabled, 'data-tool': role, text: text});
            button.addEventListener('click', action);
            return button;
        }

        function move(index, by, role) {
            var moved = state.segments.splice(index, 1)[0];
            state.segments.splice(index + by, 0, moved);
            drawRows();
            var row = rowsList.querySelector('[data-key="' + moved.key + '"]');
            var button = row.querySelector('[data-tool="' + role + '"]');
            (button.disabled ? row.querySelector('[data-tool="' + (role === 'up' ? 'down' : 'up') + '"]:not([disabled])')
                || row.querySelector('[data-tool="remove"]') : button).focus();
            changed();
        }

        function remove(index) {
            state.segments.splice(index, 1);
            drawRows();
            var next = state.segments[Math.min(index, state.segments.length - 1)];
            if (next) {
                focusRow(next.key);
            } else {
                root.querySelector('.lb-add button').focus();
            }
            changed();
        }

        function focusRow(key) {
            var row = rowsList.querySelector('[data-key="' + key + '"]');
            var first = row.querySelector('select, input, button');
            if (first) {
                first.focus();
            }
        }

        function joinControl(segment) {
            var id = rowId(segment, 'join');
            var hint = el('span', {className: 'hint'});
            var select = el('select', {id: id, className: 'lb-join'}, JOINS.map(function (join) {
                return el('option', {value: join.value, text: join.label, selected: join.value === segment.operator});
            }));
            function explain() {
                hint.textContent = JOINS.filter(function (join) {
                    return join.value === select.value;
                })[0].hint;
            }
            select.addEventListener('change', function () {
                segment.operator = select.value;
                explain();
                changed();
            });
            explain();
            return el('div', {className: 'lb-join-box'}, [el('label', {'for': id, text: 'Joined to the rows above by'}),
                select, hint, el('p', {className: 'field-error', 'data-error': 'operator', hidden: true})]);
        }

        function controlsFor(segment) {
            switch (segment.type) {
                case 'has-email':
                    return [emailControl(segment)];
                case 'partner-preference':
                    return [companyControl(segment, false), statesControl(segment)];
                case 'booking':
                    return [companyControl(segment, true), eventsControl(segment),
                        periodControl(segment, 'Performances in'), ticketsControl(segment), groupControl(segment)];
                case 'purchasing':
                    // For a company, the kinds' sentence already names its events.
                    return [kindsControl(segment), forCompany() ? errorSlot('partnerCompany') : companyControl(segment, true),
                        periodControl(segment, 'Orders made in'), amountControl(segment), groupControl(segment)];
                default:
                    return [el('p', {className: 'error', text: 'This row cannot be shown here; remove it.'})];
            }
        }

        function errorSlot(name) {
            return el('p', {className: 'field-error', 'data-error': name, hidden: true});
        }

        function radios(segment, name, legend, options, selected, onChange) {
            var box = el('fieldset', {className: 'lb-choice'}, [el('legend', {text: legend})]);
            options.forEach(function (option, index) {
                var id = rowId(segment, name + index);
                var input = el('input', {type: 'radio', id: id, name: rowId(segment, name), value: option.value,
                    checked: option.value === selected});
                input.addEventListener('change', function () {
                    if (input.checked) {
                        onChange(option.value);
                    }
                });
                var label = el('label', {'for': id, className: 'choice'}, [input, ' ' + option.label]);
                box.appendChild(label);
                if (option.explanation) {
                    box.appendChild(el('p', {className: 'hint lb-explain', text: option.explanation}));
                }
            });
            box.appendChild(errorSlot(name));
            return box;
        }

        function checkboxes(segment, name, legend, options, chosen, onChange) {
            var box = el('fieldset', {className: 'lb-choice lb-inline'}, [el('legend', {text: legend})]);
            options.forEach(function (option) {
                var id = rowId(segment, name + '-' + option.value);
                var input = el('input', {type: 'checkbox', id: id, value: option.value,
                    checked: chosen.indexOf(option.value) >= 0});
                input.addEventListener('change', function () {
                    onChange(Array.prototype.map.call(box.querySelectorAll('input:checked'), function (checked) {
                        return checked.value;
                    }));
                });
                box.appendChild(el('label', {'for': id, className: 'choice', title: option.explanation},
                    [input, ' ' + option.label]));
            });
            box.appendChild(errorSlot(name));
            return box;
        }

        function emailControl(segment) {
            return radios(segment, 'value', 'Customers who', [
                {value: 'yes', label: 'have an email address'},
                {value: 'no', label: 'have no email address'}
            ], segment.value ? 'yes' : 'no', function (value) {
                segment.value = value === 'yes';
                changed();
            });
        }

        function companyControl(segment, anyAllowed) {
            if (forCompany()) {
                var text = segment.type === 'partner-preference' ? 'Their contact preference for '
                    + choices.partnerCompany.name : 'For the events of ' + choices.partnerCompany.name;
                return el('p', {className: 'lb-fixed'}, [text, errorSlot('partnerCompany')]);
            }
            var id = rowId(segment, 'company');
            var options = [];
            if (anyAllowed) {
                options.push(el('option', {value: '', text: 'Any event, whichever company',
                    selected: segment.partnerCompany === null}));
            }
            if (segment.partnerCompany === RUN) {
                options.push(el('option', {value: RUN, text: 'The company the list runs for', selected: true}));
            }
            choices.partnerCompanies.forEach(function (company) {
                options.push(el('option', {value: company.id, text: company.name,
                    selected: company.id === segment.partnerCompany}));
            });
            var select = el('select', {id: id}, options);
            select.addEventListener('change', function () {
                segment.partnerCompany = select.value === '' ? null : select.value === RUN ? RUN : Number(select.value);
                if (segment.eventIds !== null) {
                    var offered = eventsFor(segment).map(function (event) {
                        return event.id;
                    });
                    segment.eventIds = segment.eventIds.filter(function (id) {
                        return offered.indexOf(id) >= 0;
                    });
                }
                var events = rowsList.querySelector('[data-key="' + segment.key + '"] .lb-events');
                if (events) {
                    events.replaceWith(eventsControl(segment));
                }
                changed();
            });
            var label = segment.type === 'partner-preference' ? 'Contact preference for'
                : anyAllowed && segment.type === 'purchasing' ? 'Tickets for the events of' : 'Events of';
            return el('div', {className: 'lb-field'}, [el('label', {'for': id, text: label}), select,
                errorSlot('partnerCompany')]);
        }

        function statesControl(segment) {
            return checkboxes(segment, 'states', 'Their answer is', choices.preferenceStates, segment.states,
                function (chosen) {
                    segment.states = chosen;
                    changed();
                });
        }

        function kindsControl(segment) {
            if (forCompany()) {
                return el('p', {className: 'lb-fixed', text: 'Adds up the prices of tickets for the events of '
                        + choices.partnerCompany.name + ' (returned tickets do not count).'});
            }
            return checkboxes(segment, 'kinds', 'Adds up', choices.purchaseKinds, segment.kinds, function (chosen) {
                segment.kinds = chosen;
                changed();
            });
        }

        // The events a booking row may pick: the company's own, or every event when it names no company.
        function eventsFor(segment) {
            var company = forCompany() ? null : segment.partnerCompany;
            return choices.events.filter(function (event) {
                return company === null || company === RUN || event.partnerCompanyIds.indexOf(company) >= 0;
            });
        }

        function eventsControl(segment) {
            var box = el('fieldset', {className: 'lb-choice lb-events'}, [el('legend', {text: 'Which events'})]);
            var picker = el('div', {className: 'lb-event-picker', hidden: segment.eventIds === null});
            var anyText = forCompany() || segment.partnerCompany !== null ? 'Any of the company\'s events' : 'Any event';
            [{value: 'any', label: anyText}, {value: 'some', label: 'Only the events ticked below'}]
                .forEach(function (option) {
                    var id = rowId(segment, 'events-' + option.value);
                    var input = el('input', {type: 'radio', id: id, name: rowId(segment, 'events'), value: option.value,
                        checked: (segment.eventIds === null) === (option.value === 'any')});
                    input.addEventListener('change', function () {
                        segment.eventIds = option.value === 'any' ? null : segment.eventIds || [];
                        picker.hidden = segment.eventIds === null;
                        changed();
                    });
                    box.appendChild(el('label', {'for': id, className: 'choice'}, [input, ' ' + option.label]));
                });
            var filterId = rowId(segment, 'event-filter');
            var filter = el('input', {type: 'search', id: filterId, placeholder: 'Part of the title'});
            var list = el('div', {className: 'lb-event-list'});
            filter.addEventListener('input', function () {
                drawEventList(segment, list, filter.value);
            });
            picker.appendChild(el('label', {'for': filterId, text: 'Find an event'}));
            picker.appendChild(filter);
            picker.appendChild(list);
            drawEventList(segment, list, '');
            box.appendChild(picker);
            box.appendChild(errorSlot('eventIds'));
            return box;
        }

        function drawEventList(segment, list, text) {
            list.textContent = '';
            var wanted = text.trim().toLowerCase();
            var events = eventsFor(segment);
            // Ticked events stay in view whatever the search, so that none is ticked unseen.
            var shown = events.filter(function (event) {
                return (segment.eventIds || []).indexOf(event.id) >= 0
                    || event.title.toLowerCase().indexOf(wanted) >= 0;
            });
            if (!events.length) {
                list.appendChild(el('p', {className: 'muted', text: 'No events to choose from.'}));
            }
            shown.slice(0, MAX_EVENTS_SHOWN).forEach(function (event) {
                var id = rowId(segment, 'event-' + event.id);
                var input = el('input', {type: 'checkbox', id: id, value: event.id,
                    checked: (segment.eventIds || []).indexOf(event.id) >= 0});
                input.addEventListener('change', function () {
                    var ids = (segment.eventIds || []).filter(function (other) {
                        return other !== event.id;
                    });
                    if (input.checked) {
                        ids.push(event.id);
                    }
                    segment.eventIds = ids;
                    changed();
                });
                list.appendChild(el('label', {'for': id, className: 'choice'}, [input, ' ' + eventLabel(event)]));
            });
            if (shown.length > MAX_EVENTS_SHOWN) {
                list.appendChild(el('p', {className: 'hint', text: 'Showing ' + MAX_EVENTS_SHOWN + ' of '
                        + numbers.format(shown.length) + ' events: type part of a title to find others.'}));
            }
        }

        function periodControl(segment, legend) {
            var id = rowId(segment, 'period');
            var known = choices.periods.some(function (choice) {
                return choice.value === segment.period;
            });
            var options = choices.periods.map(function (choice) {
                return el('option', {value: choice.value, text: choice.label, selected: choice.value === segment.period});
            });
            if (!known) {
                options.splice(1, 0, el('option', {value: segment.period, text: periodLabel(segment.period),
                    selected: true}));
            }
            var select = el('select', {id: id}, options);
            var dates = el('div', {className: 'dates', hidden: segment.period !== 'custom'}, [
                dateInput(segment, 'from', 'First day'), dateInput(segment, 'to', 'Last day')]);
            select.addEventListener('change', function () {
                segment.period = select.value;
                dates.hidden = segment.period !== 'custom';
                changed();
            });
            return el('div', {className: 'lb-field'}, [el('label', {'for': id, text: legend}), select, dates,
                errorSlot('period')]);
        }

        function dateInput(segment, name, text) {
            var id = rowId(segment, name);
            var input = el('input', {type: 'date', id: id, value: segment[name]});
            input.addEventListener('change', function () {
                segment[name] = input.value;
                changed();
            });
            return el('label', {'for': id}, [text, input]);
        }

        function numberField(segment, name, text, hint, attributes) {
            var id = rowId(segment, name);
            var input = el('input', Object.assign({type: 'number', id: id, value: segment[name],
                inputmode: 'decimal', className: 'lb-number'}, attributes));
            input.addEventListener('input', function () {
                segment[name] = input.value;
                changed();
            });
            return el('div', {className: 'lb-field'}, [el('label', {'for': id, text: text}), input,
                el('span', {className: 'hint', text: ' ' + hint}), errorSlot(name)]);
        }

        function ticketsControl(segment) {
            return numberField(segment, 'minTickets', 'At least this many tickets', 'tickets (returned ones do not count)',
                {min: 1, max: 100000, step: 1});
        }

        function amountControl(segment) {
            return numberField(segment, 'minAmount', 'Adding up to at least', '(0 counts anyone who bought any)',
                {min: 0, step: '0.01'});
        }

        function groupControl(segment) {
            return radios(segment, 'groupBy', 'Count each order for', choices.groupings, segment.groupBy,
                function (value) {
                    segment.groupBy = value;
                    changed();
                });
        }

        function drawColumns() {
            var box = root.querySelector('.lb-columns');
            box.textContent = '';
            var refused = {};
            choices.columns.forEach(function (column) {
                if (!column.allowed) {
                    (refused[column.why] = refused[column.why] || []).push(column.label);
                    return;
                }
                var id = prefix + 'column-' + column.value;
                var input = el('input', {type: 'checkbox', id: id, value: column.value,
                    checked: state.columns.indexOf(column.value) >= 0});
                input.addEventListener('change', function () {
                    state.columns = state.columns.filter(function (name) {
                        return name !== column.value;
                    });
                    if (input.checked) {
                        state.columns.push(column.value);
                    }
                    changed();
                });
                box.appendChild(el('label', {'for': id, className: 'choice'}, [input, ' ' + column.label]));
            });
            Object.keys(refused).forEach(function (why) {
                box.appendChild(el('p', {className: 'hint', text: why + ': ' + refused[why].join(', ') + '.'}));
            });
        }

        // -- Counting ----------------------------------------------------------------------------------------------

        function changed() {
            json.value = JSON.stringify(definition(), null, 2);
            clearTimeout(timer);
            statusLine.textContent = 'Counting…';
            timer = setTimeout(count, DEBOUNCE_MS);
        }

        // What cannot be said in a definition at all: the server never sees it.
        function localProblems() {
            var problems = [];
            state.segments.forEach(function (segment, index) {
                if ((segment.type === 'booking' || segment.type === 'purchasing') && segment.period === 'custom'
                    && (!segment.from || !segment.to)) {
                    problems.push({row: index, slot: 'period', message: 'Choose the first and the last day.'});
                }
            });
            return problems;
        }

        function headers() {
            var result = {'Content-Type': 'application/json', Accept: 'application/json'};
            var header = root.getAttribute('data-csrf-header');
            if (header) {
                result[header] = root.getAttribute('data-csrf-token');
            }
            return result;
        }

        function post(url, signal) {
            var body = {list: definition()};
            if (choices.companyChosen && forCompany()) {
                body.partnerCompany = choices.partnerCompany.id;
            }
            return fetch(url, {method: 'POST', headers: headers(), credentials: 'same-origin', cache: 'no-store',
                body: JSON.stringify(body), signal: signal}).then(function (response) {
                return response.json().catch(function () {
                    return {};
                }).then(function (answer) {
                    return {status: response.status, body: answer};
                });
            });
        }

        function count() {
            if (inFlight) {
                inFlight.abort();
            }
            clearProblems();
            var local = localProblems();
            if (local.length) {
                local.forEach(function (problem) {
                    showProblem(problem.row, problem.slot, problem.message);
                });
                clearCounts('Counts wait until the rows are complete.');
                return;
            }
            if (!state.segments.length) {
                clearCounts('Add a row to start counting.');
                previewBox.hidden = true;
                return;
            }
            var controller = new AbortController();
            inFlight = controller;
            statusLine.textContent = 'Counting…';
            post(countUrl, controller.signal).then(function (answer) {
                if (inFlight === controller) {
                    answered(answer, showCounts);
                }
            }).catch(function (error) {
                if (error.name !== 'AbortError') {
                    clearCounts('The server could not be reached. The counts will be made at the next change, or'
                        + ' with "Count again".');
                }
            });
            preview(controller);
        }

        function preview(controller) {
            if (!previewUrl || forCompany()) {
                previewBox.hidden = true;
                return;
            }
            previewBox.hidden = false;
            previewStatus.textContent = 'Reading the first rows…';
            post(previewUrl, controller.signal).then(function (answer) {
                if (inFlight !== controller) {
                    return;
                }
                if (answer.status === 200) {
                    showPreview(answer.body);
                } else {
                    previewTable.textContent = '';
                    previewStatus.textContent = answer.status === 503 ? answer.body.detail
                        : 'The first rows are shown once the list can be counted.';
                }
            }).catch(function (error) {
                if (error.name !== 'AbortError') {
                    previewStatus.textContent = 'The server could not be reached.';
                }
            });
        }

        function answered(answer, onSuccess) {
            if (answer.status === 200) {
                onSuccess(answer.body);
            } else if (answer.status === 400) {
                showProblems(answer.body.errors || [], answer.body.detail);
                clearCounts('The list cannot be counted until what is marked in red is put right.');
            } else if (answer.status === 503) {
                clearCounts(answer.body.detail || 'Counting took too long and was stopped. Try again shortly.');
            } else if (answer.status === 401 || answer.status === 403) {
                clearCounts('Your session has ended: reload the page to log in again. The rows are kept in the file'
                    + ' you can export first.');
            } else if (answer.status === 404) {
                clearCounts('Customer lists are not available to your company any more.');
            } else {
                clearCounts('The counts could not be made just now. Try "Count again" in a moment.');
            }
        }

        function clearCounts(message) {
            statusLine.textContent = message;
            totalLine.textContent = '';
            funnelList.hidden = true;
            rowsList.querySelectorAll('.lb-row-count').forEach(function (line) {
                line.textContent = '';
            });
        }

        function showCounts(counts) {
            statusLine.textContent = 'Counted at ' + new Date().toLocaleTimeString('en-GB',
                {hour: '2-digit', minute: '2-digit', second: '2-digit'}) + ', as the customer records stand now.';
            counts.segments.forEach(function (count, index) {
                var segment = state.segments[index];
                var line = segment && document.getElementById(rowId(segment, 'count'));
                if (!line) {
                    return;
                }
                line.textContent = index === 0 ? 'This row: ' + plural(count.customers, 'customer', 'customers')
                    : 'This row on its own: ' + plural(count.customers, 'customer', 'customers')
                    + '. The list so far: ' + plural(count.runningTotal, 'customer', 'customers') + '.';
            });
            totalLine.textContent = '';
            if (counts.funnel) {
                // For a company, what matters is how many it would be sent; the funnel says how that comes about.
                totalLine.appendChild(el('strong', {className: 'lb-total-number', text: numbers.format(counts.funnel.shared)}));
                totalLine.appendChild(el('span', {text: (counts.funnel.shared === 1 ? ' customer' : ' customers')
                        + ' would be shared with ' + choices.partnerCompany.name + '.'}));
            } else {
                totalLine.appendChild(el('span', {text: 'The rows select '}));
                totalLine.appendChild(el('strong', {className: 'lb-total-number', text: numbers.format(counts.total)}));
                totalLine.appendChild(el('span', {text: counts.total === 1 ? ' customer.' : ' customers.'}));
            }
            showFunnel(counts.funnel);
        }

        function step(number, text) {
            return el('li', {}, [el('strong', {text: numbers.format(number)}), ' ' + text]);
        }

        function showFunnel(funnel) {
            funnelList.textContent = '';
            funnelList.hidden = !funnel;
            if (!funnel) {
                return;
            }
            var company = choices.partnerCompany.name;
            funnelList.appendChild(step(funnel.matched, (funnel.matched === 1 ? 'customer matches' : 'customers match')
                + ' the rows.'));
            funnelList.appendChild(step(funnel.withoutYes, 'of them ' + (funnel.withoutYes === 1 ? 'has' : 'have')
                + ' not said yes to hearing from ' + company + ' at this moment, so ' + (funnel.withoutYes === 1 ? 'is'
                    : 'are') + ' left out.'));
            if (funnel.sharedWithoutEmail !== null && funnel.sharedWithoutEmail !== undefined) {
                funnelList.appendChild(funnel.sharedWithoutEmail === 0
                    ? el('li', {text: 'All of those who said yes have an email address.'})
                    : step(funnel.sharedWithoutEmail, 'of those who said yes ' + (funnel.sharedWithoutEmail === 1
                        ? 'has' : 'have') + ' no email address: their rows go with the email empty.'));
            }
            var shared = step(funnel.shared, 'would be shared with ' + company + ': the rows of the file if it ran now.');
            shared.className = 'lb-shared';
            funnelList.appendChild(shared);
        }

        function showPreview(result) {
            previewTable.textContent = '';
            previewStatus.textContent = result.rows.length === 0 ? 'The list is empty: no rows.'
                : (result.rows.length < PREVIEW_ROWS ? 'All ' + plural(result.rows.length, 'row', 'rows')
                    : 'The first ' + PREVIEW_ROWS + ' rows') + ' of the file, by customer id, as a run would write them'
                + ' now.';
            if (!result.rows.length) {
                return;
            }
            previewTable.appendChild(el('thead', {}, [el('tr', {}, result.columns.map(function (heading) {
                return el('th', {scope: 'col', text: heading});
            }))]));
            previewTable.appendChild(el('tbody', {}, result.rows.map(function (row) {
                return el('tr', {}, row.map(function (cell) {
                    return el('td', {text: cell});
                }));
            })));
        }

        // -- Problems, in words, next to what they are about --------------------------------------------------------

        var WORDS = {
            states: 'Tick at least one answer.',
            kinds: 'Tick at least one kind of purchase.',
            minTickets: 'Give a whole number of tickets, from 1 to 100,000.',
            minAmount: 'Give an amount from 0 to 999,999,999.99, with at most two decimal places.',
            groupBy: 'Choose whom each order counts for.',
            operator: 'Choose how this row is joined to the rows above.'
        };

        function clearProblems() {
            root.querySelectorAll('.field-error').forEach(function (slot) {
                slot.textContent = '';
                slot.hidden = true;
            });
            problemsBox.textContent = '';
            problemsBox.hidden = true;
        }

        // The server's sentence, without the rule codes and quoting meant for the API's readers.
        function plain(message) {
            var text = String(message || '').replace(/\s*\([A-Z]-\d+\)/g, '').replace(/"run"/g, '"the company it runs for"');
            text = text.charAt(0).toUpperCase() + text.slice(1);
            return /[.!?]$/.test(text) ? text : text + '.';
        }

        function segmentWords(segment, slot, message) {
            if (/no event has this id/.test(message)) {
                return 'An event ticked here no longer exists: untick it.';
            }
            if (/no partner company has this id/.test(message)) {
                return 'The partner company chosen here no longer exists: choose another.';
            }
            if (slot === 'partnerCompany') {
                return segment && segment.partnerCompany === RUN && !forCompany()
                    ? 'This row is about "the company the list runs for": choose a partner company under "Who is the'
                        + ' list for?", or one here.'
                    : 'Choose a partner company.';
            }
            if (slot === 'eventIds') {
                return 'Tick at least one event, or choose "' + (forCompany() ? 'Any of the company\'s events'
                    : 'Any event') + '".';
            }
            return WORDS[slot] || plain(message);
        }

        function showProblem(row, slot, message) {
            var segment = state.segments[row];
            var item = segment && rowsList.querySelector('[data-key="' + segment.key + '"]');
            if (!item) {
                general(message);
                return;
            }
            var target = item.querySelector('[data-error="' + slot + '"]') || item.querySelector('[data-error="row"]');
            target.textContent = (target.textContent ? target.textContent + ' ' : '') + message;
            target.hidden = false;
            general('Row ' + (row + 1) + ': ' + message);
        }

        function general(message) {
            problemsBox.hidden = false;
            problemsBox.appendChild(el('p', {className: 'error', text: message}));
        }

        function labelOfColumn(name) {
            var found = choices.columns.filter(function (column) {
                return column.value === name;
            })[0];
            return found ? found.label : 'A column';
        }

        function showSlot(selector, message) {
            var slot = root.querySelector(selector);
            slot.textContent = message;
            slot.hidden = false;
            general(message);
        }

        function showProblems(errors, detail) {
            var columns = definition().columns;
            errors.forEach(function (error) {
                var field = String(error.field || '').replace(/^list\.?/, '');
                var segment = /^segments\[(\d+)\](?:\.(\w+))?/.exec(field);
                if (segment) {
                    var index = Number(segment[1]);
                    var slot = segment[2] || 'row';
                    showProblem(index, slot, segmentWords(state.segments[index], slot, error.message));
                } else if (field === 'segments') {
                    showSlot('.lb-rows-error', 'Add at least one row.');
                } else if (field === 'name') {
                    showSlot('.lb-name-error', state.name.trim() ? 'The name is too long: at most 200 characters.'
                        : 'Give the list a name.');
                } else if (field === 'columns') {
                    showSlot('.lb-columns-error', columns.length ? 'Some ticked columns are not in the company\'s'
                        + ' data-sharing agreement: untick them.' : 'Tick at least one column.');
                } else if (/^columns\[(\d+)\]/.test(field)) {
                    var name = columns[Number(/^columns\[(\d+)\]/.exec(field)[1])];
                    showSlot('.lb-columns-error', labelOfColumn(name) + ' cannot be in this list: untick it.');
                } else if (field === 'partner' || field === 'partnerCompany') {
                    general('The partner company the list is for no longer exists: choose another.');
                } else {
                    general(plain(error.message));
                }
            });
            if (!errors.length) {
                general(plain(detail || 'The list cannot be counted.'));
            }
        }

        // -- Files -------------------------------------------------------------------------------------------------

        function fileMessage(text) {
            root.querySelector('.lb-file-message').textContent = text;
        }

        function exportFile() {
            var text = JSON.stringify(definition(), null, 2) + '\n';
            var link = el('a', {href: URL.createObjectURL(new Blob([text], {type: 'application/json'})),
                download: (state.name.trim() || 'customer-list').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')
                    .toLowerCase() + '.json'});
            document.body.appendChild(link);
            link.click();
            link.remove();
            fileMessage('The list was saved as a file in your downloads.');
        }

        function importFile(file) {
            var reader = new FileReader();
            reader.onload = function () {
                var loaded;
                try {
                    loaded = JSON.parse(reader.result);
                } catch (error) {
                    fileMessage('That file is not a customer list: it could not be read.');
                    return;
                }
                if (!loaded || typeof loaded !== 'object' || !Array.isArray(loaded.segments)) {
                    fileMessage('That file is not a customer list: it has no rows.');
                    return;
                }
                fromDefinition(loaded);
                state.columns = state.columns.length ? state.columns : allowedColumns(null);
                drawAll();
                fileMessage('Loaded "' + file.name + '". Check the rows and the counts.');
                changed();
            };
            reader.onerror = function () {
                fileMessage('That file could not be read.');
            };
            reader.readAsText(file);
        }

        // -- Start -------------------------------------------------------------------------------------------------

        function showLoadFailure(error) {
            root.querySelector('.lb-loading').textContent = error.message;
            root.querySelector('.lb-loading').className = 'lb-loading error';
        }

        nameInput.addEventListener('input', function () {
            state.name = nameInput.value;
            changed();
        });
        root.querySelector('.lb-recount').addEventListener('click', count);
        root.querySelector('.lb-export').addEventListener('click', exportFile);
        var fileInput = root.querySelector('.lb-import-file');
        root.querySelector('.lb-import').addEventListener('click', function () {
            fileInput.click();
        });
        fileInput.addEventListener('change', function () {
            if (fileInput.files.length) {
                importFile(fileInput.files[0]);
            }
            fileInput.value = '';
        });

        loadChoices(root.getAttribute('data-partner-company')).then(function (loaded) {
            choices = loaded;
            var given = json.value.trim();
            if (given) {
                try {
                    fromDefinition(JSON.parse(given));
                } catch (error) {
                    fileMessage('The list given could not be read; it starts empty.');
                }
            }
            if (state.columns === null) {
                state.columns = allowedColumns(null);
            }
            root.querySelector('.lb-loading').hidden = true;
            main.hidden = false;
            countsBox.hidden = false;
            drawAll();
            changed();
        }).catch(showLoadFailure);
    }

    document.querySelectorAll('.list-builder').forEach(start);
})();
