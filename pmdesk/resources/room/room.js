// The participants' page of a pmdesk room (docs/room.md). Every text goes in with textContent.
"use strict";
(function () {
  const base = document.body.dataset.base;
  const main = document.getElementById("main");
  const statusLine = document.getElementById("status");
  let state = null;
  let fetchedAt = 0;
  let choosing = false;
  let editing = null; // id of the own card being edited
  let editDraft = "";
  const drafts = {}; // section id -> text being typed
  const unsent = {}; // section id -> {id, text} of a card whose answer never came (tried again as is)
  const saving = new Set();
  const notSent = new Set(); // sections whose card could not be sent (its text stays in the field)
  const deleting = new Set(); // ids of this device's cards it asked the room to delete
  // "online", "lost" (no answer: the Wi-Fi dropped or the laptop is gone; tried again every few
  // seconds) or "closed" (the room said it closed, or its link is no longer served: final).
  let connection = "online";
  let retryTimer = null;
  let events = null;
  let heard = 0; // when the event stream last said anything

  function randomId(bytes) {
    const data = new Uint8Array(bytes);
    crypto.getRandomValues(data);
    let text = "";
    data.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function deviceKey() {
    let key = null;
    try { key = localStorage.getItem("pmdesk-device"); } catch (e) { key = null; }
    if (!key || !/^[A-Za-z0-9_-]{16,64}$/.test(key)) {
      key = randomId(18);
      try { localStorage.setItem("pmdesk-device", key); } catch (e) { /* private mode: this tab only */ }
    }
    return key;
  }
  const device = deviceKey();

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
      // Each text in its own direction: the page's words are English, the board's may be in
      // any script, and on a right-to-left page an English sentence would lose its full stop
      // and its numbers to the wrong end ("card face down in the room 1").
      node.dir = "auto";
    }
    return node;
  }

  let sayTimer = null;
  function say(text, error, stay) {
    statusLine.textContent = text || "";
    statusLine.className = error ? "status error" : "status";
    clearTimeout(sayTimer);
    if (text && !error && !stay) sayTimer = setTimeout(() => { statusLine.textContent = ""; }, 3000);
  }

  function textOf(text, className) {
    // User text in its own direction (an Arabic card on an English page reads right to left).
    const span = el("span", className || "text", text);
    span.dir = "auto";
    return span;
  }

  function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

  async function call(path, body, attempts) {
    // POSTs are retried with the same body (the same card id) on a network failure or a 429/5xx.
    const tries = attempts || 1;
    for (let i = 0; i < tries; i++) {
      try {
        const response = await fetch(base + path, {
          method: body === undefined ? "GET" : "POST",
          headers: body === undefined ? { "X-Pmdesk-Device": device }
            : { "X-Pmdesk-Device": device, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
          cache: "no-store", credentials: "omit",
        });
        let data = {};
        try { data = await response.json(); } catch (e) { data = {}; }
        if ((response.status === 429 || response.status >= 500) && i + 1 < tries && connection !== "closed") {
          await sleep(1000 * (i + 1));
          continue;
        }
        return { status: response.status, ok: response.ok, data: data };
      } catch (e) {
        if (i + 1 >= tries || connection === "closed") {
          return { status: 0, ok: false, data: { error: "No connection to the room." } };
        }
        await sleep(800 * (i + 1));
      }
    }
    return { status: 0, ok: false, data: { error: "No connection to the room." } };
  }

  const BANNERS = {
    lost: "No connection to the room: the Wi-Fi dropped or the room was closed. Trying again… " +
      "Nothing can be sent until it is back.",
    closed: "The room is closed: nothing more can be sent from this page. " +
      "If the meeting goes on, scan the new code on the projector.",
  };

  function disableAll() {
    document.querySelectorAll("button, textarea").forEach((control) => { control.disabled = true; });
  }

  function setConnection(kind) {
    // Lost or closed: a fixed banner says so, the countdown stops and every control is disabled
    // (a tap never silently does nothing); typed text stays in its field. Back online: redrawn.
    if (connection === "closed" || kind === connection) return;
    connection = kind;
    const banner = document.getElementById("banner");
    document.body.classList.toggle("offline", kind !== "online");
    clearInterval(retryTimer);
    retryTimer = null;
    if (kind === "online") {
      banner.hidden = true;
      banner.textContent = "";
      document.getElementById("change-name").disabled = false;
      render();
      return;
    }
    banner.textContent = BANNERS[kind];
    banner.hidden = false;
    const clock = document.getElementById("clock");
    clock.textContent = ""; clock.hidden = true;
    disableAll();
    if (kind === "closed") {
      document.getElementById("phase-title").textContent = "Room closed";
      if (events) events.close();
    } else {
      retryTimer = setInterval(refresh, 3000);
    }
  }

  async function refresh() {
    if (connection === "closed") return;
    const answer = await call("/state");
    if (answer.status === 404 || answer.status === 503) { setConnection("closed"); return; }
    if (answer.status === 0) { setConnection("lost"); return; }
    if (!answer.ok) { say(answer.data.error || "The room did not answer.", true); return; }
    const before = state;
    state = answer.data;
    fetchedAt = Date.now();
    const setAside = setAsideCount(before, state);
    if (setAside) {
      say(setAside === 1
        ? "The facilitator set one of your cards aside: it is not on the board."
        : "The facilitator set " + setAside + " of your cards aside: they are not on the board.", false, true);
    } else if (statusLine.classList.contains("error")) say("");
    if (connection !== "online") setConnection("online"); else render();
  }

  // Own cards still face down before, gone now, not deleted here and not on the board revealed:
  // the facilitator hid them (or merged them into another card) before the reveal.
  function setAsideCount(before, now) {
    if (!before || !before.mine) return 0;
    const still = new Set((now.mine || []).map((c) => c.id));
    const shown = new Set();
    (now.board || []).forEach((column) => column.items.forEach((item) => {
      shown.add(item.id);
      (item.cards || []).forEach((c) => shown.add(c.id));
    }));
    let count = 0;
    before.mine.forEach((c) => {
      if (!still.has(c.id) && !shown.has(c.id) && !deleting.has(c.id)) count += 1;
    });
    return count;
  }

  let pending = null;
  function refreshSoon() {
    if (pending) return;
    pending = setTimeout(() => { pending = null; refresh(); }, 150);
  }

  function listen() {
    if (!window.EventSource) { setInterval(refresh, 5000); return; }
    if (events) events.close();
    heard = Date.now();
    events = new EventSource(base + "/events?device=" + encodeURIComponent(device));
    events.addEventListener("changed", () => { heard = Date.now(); refreshSoon(); });
    events.addEventListener("alive", () => { heard = Date.now(); });
    events.addEventListener("closed", () => setConnection("closed"));
    events.onerror = () => {
      if (connection === "closed") return;
      if (events.readyState === EventSource.CLOSED) refresh();  // refused for good: ask why
      else setConnection("lost");
    };
    events.onopen = () => { heard = Date.now(); if (connection === "lost") refresh(); };
  }

  function watch() {
    // A Wi-Fi that drops silently leaves the stream open with nothing coming: the room says it
    // is there every few seconds (state.keepalive), so two missed beats mean the link is lost.
    if (!events || connection !== "online") return;
    const beat = (state && state.keepalive ? state.keepalive : 15) * 1000;
    if (Date.now() - heard > 2 * beat + 5000) { setConnection("lost"); listen(); }
  }

  function personName(id) {
    const person = (state.participants || []).find((p) => p.id === id);
    return person ? person.name : "";
  }

  function sectionTitle(id) {
    const section = state.sections.find((s) => s.id === id);
    return section ? section.title : "";
  }

  function clockText() {
    const phase = state && state.phase;
    const clock = document.getElementById("clock");
    if (connection !== "online" || !phase || phase.remaining === null || phase.remaining === undefined) {
      clock.textContent = ""; clock.hidden = true; return;
    }
    const elapsed = phase.running ? Math.floor((Date.now() - fetchedAt) / 1000) : 0;
    const left = phase.remaining - elapsed;
    const abs = Math.abs(left);
    const text = Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
    clock.hidden = false;
    clock.textContent = left < 0 ? "+" + text : text;
    clock.className = "clock" + (left < 0 ? " late" : left < 60 ? " last" : "");
  }

  function renderHeader() {
    document.getElementById("phase-title").textContent = connection === "closed" ? "Room closed" : state.phase.title;
    clockText();
    const me = document.getElementById("me");
    const change = document.getElementById("change-name");
    if (state.joined && !choosing) {
      me.textContent = state.me.participant ? personName(state.me.participant) : "Anonymous";
      change.hidden = false;
    } else {
      me.textContent = "";
      change.hidden = true;
    }
  }

  function renderNames() {
    main.replaceChildren();
    main.append(el("h2", "", "Who are you?"));
    main.append(el("p", "hint", "Pick your name. Your cards stay private until the facilitator reveals them."));
    const names = el("div", "names");
    state.participants.forEach((person) => {
      const button = el("button", "", null);
      button.type = "button";
      const swatch = el("span", "swatch");
      swatch.style.background = /^#[0-9a-fA-F]{6}$/.test(person.color) ? person.color : "#888";
      const label = el("span", "", person.name);
      button.append(swatch, label);
      if (person.taken) { button.disabled = true; button.append(el("span", "taken", "(taken)")); }
      button.addEventListener("click", () => join(person.id));
      names.append(button);
    });
    if (state.phase.anonymous) {
      const button = el("button", "", "Stay anonymous");
      button.type = "button";
      button.addEventListener("click", () => join(null));
      names.append(button);
    }
    main.append(names);
  }

  async function join(participant) {
    say("Joining…");
    const answer = await call("/join", { participant: participant }, 3);
    if (!answer.ok) { say(answer.data.error || "Could not join.", true); await refresh(); return; }
    choosing = false;
    state = answer.data;
    fetchedAt = Date.now();
    say("");
    render();
  }

  function ownCard(card) {
    const box = el("div", "card mine" + (saving.has(card.id) ? " saving" : ""));
    if (editing === card.id) {
      const area = el("textarea");
      area.value = editDraft;
      area.dir = "auto";
      area.maxLength = 4000;
      area.dataset.focus = "edit";
      area.setAttribute("aria-label", "Edit your card");
      area.addEventListener("input", () => { editDraft = area.value; });
      const row = el("div", "row");
      const save = el("button", "primary", "Save");
      save.type = "button";
      save.addEventListener("click", () => changeCard(card.id, area.value));
      const cancel = el("button", "", "Cancel");
      cancel.type = "button";
      cancel.addEventListener("click", () => { editing = null; render(); });
      row.append(save, cancel);
      box.append(area, row);
      return box;
    }
    box.append(textOf(card.text));
    const row = el("div", "row");
    const edit = el("button", "", "Edit");
    edit.type = "button";
    edit.addEventListener("click", () => {
      editing = card.id; editDraft = card.text; render();
      const area = main.querySelector('textarea[data-focus="edit"]');
      if (area) area.focus();
    });
    const remove = el("button", "danger", "Delete");
    remove.type = "button";
    remove.addEventListener("click", () => deleteCard(card.id));
    row.append(edit, remove);
    box.append(row);
    return box;
  }

  function renderWrite() {
    main.replaceChildren();
    main.append(el("p", "hint", state.cards_revealed
      ? "The facilitator has revealed the cards: they are under each section. New cards stay private until the next reveal."
      : "Write your cards. Only you see them until the facilitator reveals them."));
    const columns = el("div", "columns");
    state.sections.forEach((section) => {
      const column = el("section", "column");
      column.append(el("h2", "", section.title));
      if (section.prompt) column.append(el("p", "prompt", section.prompt));
      const count = state.pending[section.id] || 0;
      const counted = count === 1 ? "1 card face down in the room" : count + " cards face down in the room";
      column.append(el("p", "facedown", counted));
      state.mine.filter((c) => c.section === section.id).forEach((card) => column.append(ownCard(card)));
      const area = el("textarea");
      area.maxLength = 4000;
      area.placeholder = "Write a card…";
      area.dir = "auto";
      area.setAttribute("aria-label", "New card in " + section.title);
      area.value = drafts[section.id] || "";
      area.dataset.focus = "new-" + section.id;
      area.addEventListener("input", () => { drafts[section.id] = area.value; });
      const row = el("div", "row");
      const add = el("button", "primary", "Add card");
      add.type = "button";
      add.addEventListener("click", () => addCard(section.id, area));
      row.append(add);
      column.append(area);
      if (notSent.has(section.id) && area.value) {
        column.append(el("p", "notsent", "Not sent: this card is not in the room. Its text is kept here."));
      }
      column.append(row);
      const shown = (state.board || []).find((c) => c.section === section.id);
      if (shown && shown.items.length) {
        const revealed = el("div", "revealed");
        revealed.append(el("h3", "", "On the board"));
        appendItems(revealed, shown.items, false);
        column.append(revealed);
      }
      columns.append(column);
    });
    main.append(columns);
  }

  async function addCard(sectionId, area) {
    const text = area.value.trim();
    if (!text) { say("Write something first.", true); return; }
    // The same text sent again after a failure keeps its id: if the first try did reach the
    // laptop (only its answer was lost), the room still holds the card once.
    const earlier = unsent[sectionId];
    const id = earlier && earlier.text === text ? earlier.id : randomId(12);
    drafts[sectionId] = "";
    area.value = "";
    say("Saving…");
    const author = state.me.participant;
    const answer = await call("/cards", { id: id, section: sectionId, text: text, author: author }, 5);
    if (answer.ok) {
      delete unsent[sectionId];
      notSent.delete(sectionId);
      say("Saved.");
    } else {
      // The text goes back into its field (typed on meanwhile: both kept), marked as not sent.
      const typed = drafts[sectionId] || "";
      drafts[sectionId] = typed ? text + "\n" + typed : text;
      notSent.add(sectionId);
      if (answer.status === 0 || answer.status === 429 || answer.status >= 500) unsent[sectionId] = { id: id, text: text };
      say(answer.data.error || "Not saved.", true);
      render();
    }
    await refresh();
  }

  async function changeCard(id, text) {
    if (!text.trim()) { say("A card needs some text.", true); return; }
    saving.add(id);
    const answer = await call("/cards/" + encodeURIComponent(id), { text: text }, 3);
    saving.delete(id);
    if (answer.ok) { editing = null; say("Saved."); } else { say(answer.data.error || "Not saved.", true); }
    await refresh();
  }

  async function deleteCard(id) {
    deleting.add(id);
    const answer = await call("/cards/" + encodeURIComponent(id) + "/delete", {}, 3);
    say(answer.ok ? "Deleted." : (answer.data.error || "Not deleted."), !answer.ok);
    await refresh();
  }

  function dotsText(count) { return count === 1 ? "1 dot" : count + " dots"; }

  function boardCard(item, voting) {
    const box = el("div", "card");
    box.append(textOf(item.text));
    const meta = el("span", "meta");
    if (item.author) meta.append(textOf(item.author, "author"));
    if (typeof item.votes === "number" && item.votes > 0) meta.append(el("span", "tally", dotsText(item.votes)));
    if (meta.childNodes.length) box.append(meta);
    if (voting) box.append(voteBar(item.id));
    return box;
  }

  function voteBar(target) {
    const bar = el("div", "votebar");
    const mine = state.my_dots.filter((t) => t === target).length;
    const take = el("button", "", "−");
    take.type = "button";
    take.setAttribute("aria-label", "Take back a dot");
    take.disabled = mine === 0;
    take.addEventListener("click", () => vote(target, "remove"));
    const place = el("button", "primary", "+ dot");
    place.type = "button";
    place.disabled = state.me.dots_left <= 0;
    place.addEventListener("click", () => vote(target, "place"));
    bar.append(take, el("span", "", mine === 1 ? "1 of your dots" : mine + " of your dots"), place);
    return bar;
  }

  async function vote(target, op) {
    const answer = await call("/votes", { target: target, op: op }, 3);
    if (!answer.ok) say(answer.data.error || "Not saved.", true); else say("");
    await refresh();
  }

  function renderBoard(voting) {
    main.replaceChildren();
    if (voting) {
      if (!state.me.participant) {
        main.append(el("p", "hint", "Voting needs your name: pick it with Change above."));
        voting = false;
      } else {
        const dots = el("p", "dots");
        for (let i = 0; i < state.votes_per_participant; i++) {
          dots.append(el("span", i < state.me.dots_left ? "dot" : "dot empty"));
        }
        const left = state.me.dots_left;
        dots.append(document.createTextNode(left === 1 ? "1 dot left" : left + " dots left"));
        // Said as it is: the facilitator may show the tallies on the projector while people vote.
        const privacy = state.votes_hidden
          ? "Your dots are private until the facilitator reveals the votes."
          : "The facilitator shows the tallies on the projector: everyone sees the counts as dots are placed.";
        main.append(dots, el("p", "hint votes-privacy", privacy));
      }
    }
    const columns = el("div", "columns");
    state.board.forEach((column) => {
      const box = el("section", "column");
      box.append(el("h2", "", sectionTitle(column.section)));
      if (column.items.length === 0) box.append(el("p", "hint", "No cards yet."));
      appendItems(box, column.items, voting);
      columns.append(box);
    });
    main.append(columns);
  }

  function appendItems(box, items, voting) {
    items.forEach((item) => {
      if (item.kind === "theme") {
        const theme = el("div", "theme");
        const label = el("div", "label");
        label.append(textOf(item.label || "Theme"));
        if (typeof item.votes === "number" && item.votes > 0) label.append(el("span", "tally", dotsText(item.votes)));
        theme.append(label);
        item.cards.forEach((card) => theme.append(boardCard(card, false)));
        if (voting) theme.append(voteBar(item.id));
        box.append(theme);
      } else {
        box.append(boardCard(item, voting));
      }
    });
  }

  let lastMode = null;
  function render() {
    if (!state) return;
    draw();
    if (connection !== "online") disableAll();  // a redraw while offline stays disabled
  }

  function draw() {
    if (lastMode !== null && state.phase.mode !== lastMode) say("");  // a new phase: old news goes
    lastMode = state.phase.mode;
    document.documentElement.lang = state.lang || document.documentElement.lang;
    document.documentElement.dir = state.dir || document.documentElement.dir;
    renderHeader();
    if (!state.joined || choosing) { renderNames(); return; }
    // What is being typed survives a redraw (drafts), and so do the focus and the caret.
    const active = document.activeElement;
    const focus = active && main.contains(active) && active.dataset ? active.dataset.focus : null;
    const caret = focus ? [active.selectionStart, active.selectionEnd] : null;
    const mode = state.phase.mode;
    if (mode === "write") renderWrite();
    else { editing = null; renderBoard(mode === "vote"); }
    if (focus) {
      const again = main.querySelector('textarea[data-focus="' + focus + '"]');
      if (again) { again.focus(); again.setSelectionRange(caret[0], caret[1]); }
    }
  }

  document.getElementById("change-name").addEventListener("click", () => { choosing = true; render(); });
  setInterval(() => { if (state && connection === "online") clockText(); watch(); }, 1000);
  refresh().then(listen);
})();
