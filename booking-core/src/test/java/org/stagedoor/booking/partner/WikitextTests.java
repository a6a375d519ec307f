package org.stagedoor.booking.partner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Covers P-1: descriptions are wikitext rendered as safe HTML. */
class WikitextTests {

    @Test
    void rendersBoldItalicLinksAndParagraphs() {
        assertThat(Wikitext.toSafeHtml("'''Bold''' and ''italic''\nnext line\n\n[https://example.org/a?b=1&c=2 Terms]"))
                .isEqualTo("<p><strong>Bold</strong> and <em>italic</em><br>next line</p>"
                        + "<p><a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener\">Terms</a></p>");
    }

    @Test
    void escapesEverythingElse() {
        assertThat(Wikitext.toSafeHtml("<b onclick=\"x()\">hi</b> & 'quoted'"))
                .isEqualTo("<p>&lt;b onclick=&quot;x()&quot;&gt;hi&lt;/b&gt; &amp; &#39;quoted&#39;</p>");
    }

    @Test
    void linksOnlyToWebAndMailAddresses() {
        assertThat(Wikitext.toSafeHtml("[javascript:alert(1) click]")).isEqualTo("<p>[javascript:alert(1) click]</p>");
        assertThat(Wikitext.toSafeHtml("[https://x.org\" onmouseover=\"y label]"))
                .doesNotContain("onmouseover=\"").doesNotContain("<a href=\"https://x.org\"\"");
        assertThat(Wikitext.toSafeHtml("[mailto:press@example.org]"))
                .isEqualTo("<p><a href=\"mailto:press@example.org\" rel=\"nofollow noopener\">"
                        + "mailto:press@example.org</a></p>");
    }

    @Test
    void emptyTextRendersNothing() {
        assertThat(Wikitext.toSafeHtml(null)).isEmpty();
        assertThat(Wikitext.toSafeHtml("  \n ")).isEmpty();
    }
}
