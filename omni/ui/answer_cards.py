"""The answer cards of one question: its five options shown once, current and target marked on the same cards.

The question's text is the cards' group name (a fieldset's legend), so a screen reader names the group by
the question; after "next" the group takes the focus. A Streamlit components-v2 component with inline HTML, CSS and JavaScript (no build step, no iframe):
every card holds two native radio buttons, "Now" (group `current`) and "Goal" (group `target`), so a
keyboard moves through each group with the arrow keys and a screen reader announces "Now, radio
button, 3 of 7" with the option's text as its description. Not applicable and don't know are two
more cards with the same two marks. Every change sends `{"answer": {"current": ..., "target": ...}}`
to Python, which saves it at once.
"""

from __future__ import annotations

import streamlit as st

CSS = """
:host { display: block; }
.legend { margin: 0 0 .5rem; font-size: .95rem; color: #1f2937; }
.cards { border: 0; margin: 0; padding: 0; min-width: 0; }
.question { padding: 0; margin: 0 0 .6rem; font-size: 1.05rem; line-height: 1.4; color: #1f2937; }
.cards:focus { outline: none; }
.card { border: 1px solid #9ca3af; border-radius: .6rem; padding: .55rem .7rem; margin: 0 0 .5rem;
        background: #ffffff; color: #1f2937; }
.card.chosen { border-color: #1e3a8a; box-shadow: 0 0 0 1px #1e3a8a; }
.text { margin: 0 0 .45rem; line-height: 1.35; font-size: 1rem; }
.num { font-weight: 700; margin-right: .35rem; }
.marks { display: flex; gap: .5rem; }
.mark { flex: 1 1 0; display: flex; align-items: center; justify-content: center; gap: .4rem;
        min-height: 44px; border: 2px solid #4b5563; border-radius: 999px; cursor: pointer;
        font-weight: 600; color: #1f2937; background: #f9fafb; user-select: none; }
.mark input { width: 1.15rem; height: 1.15rem; margin: 0; accent-color: #ffffff; cursor: pointer; }
.mark.now:has(input:checked) { background: #1e3a8a; border-color: #1e3a8a; color: #ffffff; }
.mark.goal:has(input:checked) { background: #14532d; border-color: #14532d; color: #ffffff; }
.mark:has(input:focus-visible) { outline: 3px solid #b45309; outline-offset: 2px; }
.tick { display: none; }
.mark:has(input:checked) .tick { display: inline; }
"""

JS = """
let shownQuestion = null;  // the question the previous screen showed (module scope outlives a remount)

function valueOf(text) { return /^[1-5]$/.test(text) ? Number(text) : text; }

function build(root, data, setStateValue) {
  root.replaceChildren();
  root.dataset.question = data.question;
  delete root.dataset.touched;  // the cards follow Python until the respondent changes something here
  const set = document.createElement('fieldset');
  set.className = 'cards';
  set.setAttribute('aria-describedby', 'legend');
  set.tabIndex = -1;  // focused after "next", so a screen reader reads the new question
  const title = document.createElement('legend');
  title.className = 'question';
  title.textContent = data.title;
  set.appendChild(title);
  data.options.forEach((option, index) => {
    const card = document.createElement('div');
    card.className = 'card';
    card.dataset.value = String(option.value);
    const text = document.createElement('p');
    text.className = 'text';
    text.id = 'option-' + index;
    if (typeof option.value === 'number') {
      const num = document.createElement('span');
      num.className = 'num';
      num.textContent = option.value + '.';
      text.appendChild(num);
    }
    text.appendChild(document.createTextNode(option.text));
    card.appendChild(text);
    const marks = document.createElement('div');
    marks.className = 'marks';
    for (const [field, css, label] of [['current', 'now', data.now], ['target', 'goal', data.goal]]) {
      const mark = document.createElement('label');
      mark.className = 'mark ' + css;
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = field;
      input.value = String(option.value);
      input.setAttribute('aria-describedby', text.id);
      input.addEventListener('change', () => {
        const chosen = {};
        for (const name of ['current', 'target']) {
          const checked = root.querySelector('input[name="' + name + '"]:checked');
          chosen[name] = checked ? valueOf(checked.value) : null;
        }
        root.dataset.touched = '1';
        mark_cards(root);
        setStateValue('answer', chosen);
      });
      const tick = document.createElement('span');
      tick.className = 'tick';
      tick.setAttribute('aria-hidden', 'true');
      tick.textContent = '✓';
      const name = document.createElement('span');
      name.textContent = label;
      mark.append(input, name, tick);
      marks.appendChild(mark);
    }
    card.appendChild(marks);
    set.appendChild(card);
  });
  root.appendChild(set);
  const legend = document.createElement('p');
  legend.className = 'legend';
  legend.id = 'legend';
  legend.textContent = data.legend;
  set.insertBefore(legend, set.querySelector('.card'));
}

function mark_cards(root) {
  for (const card of root.querySelectorAll('.card')) {
    card.classList.toggle('chosen', !!card.querySelector('input:checked'));
  }
}

function check(root, data) {
  for (const name of ['current', 'target']) {
    const want = data[name] === null || data[name] === undefined ? null : String(data[name]);
    for (const input of root.querySelectorAll('input[name="' + name + '"]')) {
      input.checked = input.value === want;
    }
  }
  mark_cards(root);
}

export default function(component) {
  const { data, parentElement, setStateValue } = component;
  let root = parentElement.querySelector('.answer-cards');
  if (!root) {
    root = document.createElement('div');
    root.className = 'answer-cards';
    parentElement.appendChild(root);
  }
  if (root.dataset.question !== data.question || root.dataset.lang !== data.lang) {
    build(root, data, setStateValue);
    root.dataset.lang = data.lang;
    check(root, data);
    if (shownQuestion !== null && shownQuestion !== data.question) {
      root.querySelector('fieldset').focus({ preventScroll: true });
    }
    shownQuestion = data.question;
  } else if (!root.dataset.touched) {
    check(root, data);
  }
}
"""

_cards = st.components.v2.component("omni_answer_cards", css=CSS, js=JS)


def answer_cards(*, key: str, question: str, title: str, lang: str, options: list[tuple[object, str]],
                 legend: str, now: str, goal: str, current: object, target: object) -> dict | None:
    """Draw one question's cards; returns the respondent's latest {"current", "target"} (None before a change).

    `options` are (value, text) pairs: 1..5 with the anchored option texts, then "na" and "dk".
    """
    result = _cards(key=key, data={"question": question, "title": title, "lang": lang, "legend": legend,
                                   "now": now, "goal": goal, "current": current, "target": target,
                                   "options": [{"value": v, "text": text} for v, text in options]},
                    on_answer_change=lambda: None)
    answer = result.get("answer") if hasattr(result, "get") else getattr(result, "answer", None)
    return answer if isinstance(answer, dict) else None
