/**
 * Bringing a new answer into view: one implementation for every island that draws exchanges (the
 * 401 page's handshake, /sandbox/, a status page's "Try it", the OAuth client's steps). A reader
 * who pressed a button far above the log must see the answer's status line without hunting for
 * it, and a keyboard or screen-reader user lands on it.
 */

/** Smooth scrolling, or instant when the reader asked for reduced motion (prefers-reduced-motion). */
export function scrollBehaviour(): ScrollBehavior {
  return matchMedia("(prefers-reduced-motion: reduce)").matches ? "instant" : "smooth";
}

/** Starlight's bars that stay at the top of the screen: the header, and on a phone "On this page". */
const topBars = "header.header, mobile-starlight-toc nav";

/** Where the site's fixed or sticky bars end: nothing above this line can be read. */
function headerBottom(): number {
  let bottom = 0;
  for (const bar of document.querySelectorAll<HTMLElement>(topBars)) {
    const { position } = getComputedStyle(bar);
    const box = bar.getBoundingClientRect();
    if ((position === "fixed" || position === "sticky") && box.height > 0) bottom = Math.max(bottom, box.bottom);
  }
  return bottom;
}

/** The exchange's heading (its number, label and status), focusable from script only. */
function headingOf(exchange: HTMLElement): HTMLElement {
  const heading = exchange.querySelector<HTMLElement>("h3") ?? exchange;
  heading.tabIndex = -1;
  return heading;
}

/**
 * Brings the answer of a send into view and gives its heading the focus (a screen reader reads
 * “#2 Sent with these credentials: GET → 200 OK”, not the whole log). `first` and `last` are the
 * first and last exchanges of the send (a browser's 401 and the 200 that answered it; the same
 * element for one exchange). Nothing moves when the first's top and the last's status line are
 * already on screen; otherwise the first is scrolled to just below the site header when the
 * last's status line then fits on the screen too, and the last is otherwise. The scroll is
 * instant under prefers-reduced-motion.
 */
export function revealAnswer(first: HTMLElement, last: HTMLElement = first): void {
  if (!first.isConnected || !last.isConnected) return;
  const top = headerBottom();
  const status = (last.querySelector(".lab-status-line") ?? last).getBoundingClientRect();
  const firstTop = first.getBoundingClientRect().top;
  const inView = firstTop >= top && status.bottom <= innerHeight;
  const fits = status.bottom - firstTop <= innerHeight - top - 16;
  const anchor = inView || fits ? first : last;
  headingOf(anchor).focus({ preventScroll: true });
  if (inView) return;
  const y = anchor.getBoundingClientRect().top + scrollY - top - 8;
  scrollTo({ top: Math.max(0, y), behavior: scrollBehaviour() });
}
