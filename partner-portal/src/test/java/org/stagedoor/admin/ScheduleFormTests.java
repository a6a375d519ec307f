package org.stagedoor.admin;

import org.junit.jupiter.api.Test;

import org.stagedoor.scheduler.schedule.ListSends;

import static org.assertj.core.api.Assertions.assertThat;

/** What the schedule form shows as chosen (issue 18 item 1). */
class ScheduleFormTests {

    @Test
    void aFormWithNoChoiceShowsTheWholeListChosenAsASavedScheduleWouldSend() {
        ScheduleForm form = new ScheduleForm();

        assertThat(form.sendsChosen(ListSends.WHOLE_LIST)).isTrue();
        assertThat(form.sendsChosen(ListSends.CHANGES)).isFalse();
    }

    @Test
    void aFormWithOnlyTheChangesChosenShowsThatChoice() {
        ScheduleForm form = new ScheduleForm();
        form.setSends("CHANGES");

        assertThat(form.sendsChosen(ListSends.CHANGES)).isTrue();
        assertThat(form.sendsChosen(ListSends.WHOLE_LIST)).isFalse();
    }
}
