// Samenplan's own script: small, optional, no framework. Every page works without it.
(function () {
  "use strict";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("data-hx-headers") || "{}")["x-csrftoken"] || "";
    } catch (error) {
      return "";
    }
  }

  // What was typed before the session ended comes back into the form it was for.
  function restoreKept() {
    var kept = document.querySelectorAll("[data-kept] textarea[data-name]");
    var restored = false;
    kept.forEach(function (source) {
      var name = source.getAttribute("data-name");
      // The first form with this field: what was typed is newer than what the
      // page was filled in with, so it replaces that, not what is typed now.
      var forms = Array.prototype.slice.call(document.querySelectorAll("main form"));
      for (var i = 0; i < forms.length; i++) {
        var field = forms[i].elements.namedItem(name);
        if (!field || !("value" in field) || field.type === "hidden") continue;
        if (field.value === field.defaultValue) {
          field.value = source.value;
          restored = true;
        }
        break;
      }
    });
    var note = document.querySelector("[data-kept-restored]");
    if (restored && note) note.hidden = false;
  }

  // Warn before the session ends for being idle; typing counts as activity.
  function watchIdle() {
    var body = document.body;
    var idle = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
    var url = body.getAttribute("data-still-here");
    var warning = document.querySelector("[data-session-warning]");
    if (!idle || !url || !warning) return;
    // The server notes activity at most once a minute: warn three minutes early.
    var warnAfter = Math.max(idle - 180, idle / 2) * 1000;
    var lastSeen = Date.now();

    function stillHere() {
      lastSeen = Date.now();
      warning.hidden = true;
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
      });
    }

    document.addEventListener("input", function () {
      if (Date.now() - lastSeen > 60 * 1000) stillHere();
    });
    warning.querySelector("[data-session-stay]").addEventListener("click", stillHere);
    setInterval(function () {
      if (Date.now() - lastSeen > warnAfter && warning.hidden) warning.hidden = false;
    }, 5000);
  }

  // Long pages fold per section: the heading becomes a button (the disclosure
  // pattern), and the choice is remembered on this device for this page. Without
  // the script every section stays open.
  function foldSections() {
    var sections = document.querySelectorAll("section[data-fold]");
    if (!sections.length) return;
    var store = null;
    try {
      store = window.localStorage;
    } catch (error) {
      store = null;
    }
    var prefix = "sp-fold:" + location.pathname + ":";

    function setOpen(section, button, open, remember) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      Array.prototype.forEach.call(section.children, function (child) {
        if (child !== button.parentNode) child.hidden = !open;
      });
      if (remember && store) {
        if (open) store.removeItem(prefix + section.getAttribute("data-fold"));
        else store.setItem(prefix + section.getAttribute("data-fold"), "closed");
      }
    }

    var buttons = {};
    sections.forEach(function (section) {
      var heading = section.querySelector("h2");
      if (!heading || heading.parentNode !== section) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fold-button";
      while (heading.firstChild) button.appendChild(heading.firstChild);
      heading.appendChild(button);
      button.addEventListener("click", function () {
        setOpen(section, button, button.getAttribute("aria-expanded") !== "true", true);
      });
      var closed = store && store.getItem(prefix + section.getAttribute("data-fold")) === "closed";
      setOpen(section, button, !closed, false);
      buttons[heading.id] = { section: section, button: button };
    });

    // A link to a section (or into one) opens it first.
    function openFor(hash) {
      var target = hash && document.getElementById(hash.slice(1));
      if (!target) return;
      var section = target.closest("section[data-fold]");
      var found = section && buttons[(section.querySelector("h2") || {}).id];
      if (found && found.button.getAttribute("aria-expanded") !== "true") {
        setOpen(found.section, found.button, true, true);
        target.scrollIntoView();
      }
    }
    openFor(location.hash);
    window.addEventListener("hashchange", function () {
      openFor(location.hash);
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      if (link) openFor(link.getAttribute("href"));
    });
  }

  // A word from law or care: the word becomes a button that shows its explanation.
  function explainTerms() {
    var label = document.documentElement.lang === "en" ? "what is that?" : "wat is dat?";
    document.querySelectorAll("[data-term]").forEach(function (term, index) {
      var word = term.querySelector(".term__word");
      var explain = term.querySelector(".term__explain");
      if (!word || !explain) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "term__button";
      button.setAttribute("aria-expanded", "false");
      explain.id = explain.id || "term-" + index;
      button.setAttribute("aria-controls", explain.id);
      button.appendChild(document.createTextNode(word.textContent));
      var mark = document.createElement("span");
      mark.className = "term__mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "?";
      button.appendChild(mark);
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = " (" + label + ")";
      button.appendChild(hint);
      term.replaceChild(button, word);
      explain.hidden = true;
      explain.textContent = explain.textContent.replace(/^ \(|\)$/g, "");
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", open ? "true" : "false");
        explain.hidden = !open;
      });
    });
  }

  // "We maken jullie pdf": look again every few seconds and start the download
  // when it is there. No timed reload of the page (WCAG 2.2.1): without script,
  // the person looks again with the button.
  function waitForDownload() {
    var box = document.querySelector("[data-wait-for]");
    if (!box || !window.fetch) return;
    var url = box.getAttribute("data-wait-for");
    var status = box.querySelector("[data-wait-status]");
    var tries = 0;
    function look() {
      tries += 1;
      fetch(url, { credentials: "same-origin" }).then(function (response) {
        var type = response.headers.get("content-type") || "";
        if (!response.ok || type.indexOf("text/html") === 0) {
          if (tries < 40) window.setTimeout(look, 3000);
          return null;
        }
        var name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
        return response.blob().then(function (blob) {
          var link = document.createElement("a");
          link.href = URL.createObjectURL(blob);
          link.download = name ? name[1] : "samenplan.pdf";
          document.body.appendChild(link);
          link.click();
          status.textContent = box.getAttribute("data-ready");
        });
      });
    }
    window.setTimeout(look, 3000);
  }

  // Taalhulp for professionals: beside each field the family will read, hints
  // about long sentences, rare words, the passive voice, jargon and words that
  // label. They appear a moment after typing stops and never block saving.
  function languageHints() {
    var url = document.body.getAttribute("data-taalhulp");
    if (!url || !window.fetch) return;
    document.querySelectorAll("[data-taalhulp]:not(body)").forEach(function (field) {
      var box = document.createElement("div");
      box.className = "taalhulp";
      box.setAttribute("aria-live", "polite");
      box.id = (field.id || field.name) + "-taalhulp";
      field.insertAdjacentElement("afterend", box);
      var timer = null;
      function ask() {
        var body = new FormData();
        body.append("tekst", field.value);
        fetch(url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken() },
        }).then(function (response) {
          return response.ok ? response.text() : "";
        }).then(function (html) {
          box.innerHTML = html;
          var form = field.form;
          if (form && !form.querySelector("input[name=taalhulp]")) {
            var seen = document.createElement("input");
            seen.type = "hidden";
            seen.name = "taalhulp";
            seen.value = "gezien";
            form.appendChild(seen);
          }
        });
      }
      field.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(ask, 800);
      });
      box.addEventListener("click", function (event) {
        var button = event.target.closest("[data-taalhulp-weg]");
        if (!button) return;
        var body = new FormData();
        body.append("regel", button.getAttribute("data-taalhulp-weg"));
        fetch(url + "weg/", {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken() },
        });
        button.closest("li").remove();
        field.focus();
      });
      if (field.value.trim()) ask();
    });
  }

  // "Lees voor": the browser's own voice reads a card aloud, in the page's
  // language. The buttons stay hidden where the browser has no voice.
  function readAloud() {
    if (!("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;
    var language = document.documentElement.lang || "nl";
    var voices = { nl: "nl-NL", en: "en-GB", ar: "ar", tr: "tr-TR", pl: "pl-PL" };
    document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-read-aloud"));
      if (!source) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        window.speechSynthesis.cancel();
        var speech = new SpeechSynthesisUtterance(source.innerText);
        speech.lang = voices[language] || language;
        speech.rate = 0.9;
        window.speechSynthesis.speak(speech);
      });
    });
  }

  // A short voice note, recorded in the browser where it can, put in the
  // form's file field as if it were chosen; the server checks it like any file.
  function recordVoice() {
    var box = document.querySelector("[data-record]");
    if (!box || !window.MediaRecorder || !navigator.mediaDevices) return;
    var input = box.closest("form").querySelector('input[type="file"]');
    if (!input || !window.DataTransfer) return;
    var start = box.querySelector("[data-record-start]");
    var stop = box.querySelector("[data-record-stop]");
    var status = box.querySelector("[data-record-status]");
    var preview = box.querySelector("[data-record-preview]");
    var recorder = null;
    var timer = null;
    box.hidden = false;
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        var chunks = [];
        var type = MediaRecorder.isTypeSupported("audio/webm") ? "audio/webm" : "";
        recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
        recorder.addEventListener("dataavailable", function (event) {
          if (event.data.size) chunks.push(event.data);
        });
        recorder.addEventListener("stop", function () {
          stream.getTracks().forEach(function (track) { track.stop(); });
          window.clearTimeout(timer);
          var blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
          var ending = (blob.type.indexOf("ogg") >= 0) ? "ogg" : (blob.type.indexOf("mp4") >= 0 ? "m4a" : "webm");
          var files = new DataTransfer();
          files.items.add(new File([blob], "bericht." + ending, { type: blob.type }));
          input.files = files.files;
          preview.src = URL.createObjectURL(blob);
          preview.hidden = false;
          stop.hidden = true;
          start.hidden = false;
          status.textContent = box.getAttribute("data-recorded");
        });
        recorder.start();
        start.hidden = true;
        stop.hidden = false;
        stop.focus();
        status.textContent = box.getAttribute("data-recording");
        // At most a minute: the server takes up to 2 MB.
        timer = window.setTimeout(function () { if (recorder.state === "recording") recorder.stop(); }, 60000);
      }).catch(function () {
        status.textContent = box.getAttribute("data-refused");
      });
    });
    stop.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") recorder.stop();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    recordVoice();
    readAloud();
    languageHints();
    waitForDownload();
    explainTerms();
    restoreKept();
    watchIdle();
    foldSections();
  });
})();
