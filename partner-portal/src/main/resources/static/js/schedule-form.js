// The schedule form: choosing another saved report shows its settings at once (the form is sent with the action
// "choose", which saves nothing). Without JavaScript the "Show its settings" button does the same.
(function () {
    'use strict';

    var select = document.getElementById('savedReport');
    var choose = document.getElementById('choose-saved-report');
    if (!select || !choose) {
        return;
    }
    choose.hidden = true;
    select.addEventListener('change', function () {
        choose.click();
    });
}());
