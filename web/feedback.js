/*
 * The snippet's feedback widget and NPS survey, drawn in a shadow root so that neither the page's styles nor ours
 * leak across. The build puts this file in front of vigil.js, which calls vigilFeedback once it knows its key and user.
 *   data-feedback="off"   no floating button (vigil.feedback() still opens the form)
 *   data-nps="off"        never ask the NPS question
 *   data-nps-delay-ms     how long after the page loads to ask the server whether the question is due (5000)
 *   data-lang="ko|en"     the language; else the page's lang attribute, else the browser's
 */
function vigilFeedback(config) {
  "use strict";
  var script = config.script;
  var maxTextLength = 5000;

  var texts = {
    en: {
      launcher: "Feedback",
      title: "Send feedback",
      rating: "How is your experience?",
      ratingHint: "1 = poor, 5 = great",
      category: "Type",
      categories: { bug: "Bug", feature_request: "Feature request", improvement: "Improvement" },
      text: "Tell us more (optional)",
      cancel: "Cancel",
      send: "Send",
      sending: "Sending…",
      thanks: "Thank you for your feedback!",
      failed: "Sorry, it could not be sent. Please try again.",
      rateFirst: "Choose a rating from 1 to 5.",
      close: "Close",
      npsQuestion: "How likely are you to recommend us to a friend or colleague?",
      npsLow: "Not likely",
      npsHigh: "Very likely",
      npsComment: "What is the main reason for your score? (optional)",
      npsLater: "Not now",
      npsThanks: "Thank you!",
      scoreFirst: "Choose a score from 0 to 10.",
    },
    ko: {
      launcher: "피드백",
      title: "피드백 보내기",
      rating: "사용 경험은 어떠셨나요?",
      ratingHint: "1 = 나쁨, 5 = 아주 좋음",
      category: "유형",
      categories: { bug: "버그", feature_request: "기능 요청", improvement: "개선 제안" },
      text: "자세한 내용 (선택)",
      cancel: "취소",
      send: "보내기",
      sending: "보내는 중…",
      thanks: "소중한 의견 감사합니다!",
      failed: "보내지 못했습니다. 다시 시도해 주세요.",
      rateFirst: "1점에서 5점 중 하나를 골라 주세요.",
      close: "닫기",
      npsQuestion: "이 서비스를 친구나 동료에게 추천할 가능성은 얼마나 되나요?",
      npsLow: "전혀 아니다",
      npsHigh: "매우 그렇다",
      npsComment: "그렇게 점수를 주신 가장 큰 이유는 무엇인가요? (선택)",
      npsLater: "나중에",
      npsThanks: "감사합니다!",
      scoreFirst: "0점에서 10점 중 하나를 골라 주세요.",
    },
  };

  function language() {
    var wanted = script.getAttribute("data-lang") || document.documentElement.lang || navigator.language || "en";
    return /^ko\b/i.test(wanted) ? "ko" : "en";
  }

  var t = texts[language()];

  var style =
    ":host{all:initial}" +
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI','Apple SD Gothic Neo','Malgun Gothic',sans-serif;font-size:14px;color:#1f2330}" +
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:999px;padding:10px 16px;background:#1f2330;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2)}" +
    ".launcher:focus-visible,button:focus-visible,textarea:focus-visible,select:focus-visible,.choice input:focus-visible+span{outline:3px solid #4c7dff;outline-offset:2px}" +
    ".backdrop{position:fixed;inset:0;z-index:2147483001;background:rgba(15,18,28,.35);display:flex;align-items:flex-end;justify-content:flex-end;padding:20px}" +
    ".panel{width:min(360px,100%);background:#fff;border-radius:12px;padding:18px;box-shadow:0 10px 40px rgba(0,0,0,.25);display:flex;flex-direction:column;gap:12px}" +
    ".survey{position:fixed;right:20px;bottom:20px;z-index:2147483001;width:min(420px,calc(100% - 40px))}" +
    "h2{margin:0;font-size:16px;font-weight:600}" +
    "fieldset{border:0;margin:0;padding:0}legend{padding:0;margin-bottom:6px;font-weight:500}" +
    ".choices{display:flex;gap:4px;flex-wrap:wrap}.choice{position:relative}" +
    ".choice input{position:absolute;opacity:0;width:100%;height:100%;margin:0;cursor:pointer}" +
    ".choice span{display:inline-flex;align-items:center;justify-content:center;min-width:32px;height:32px;border:1px solid #c9cedb;border-radius:8px;padding:0 6px}" +
    ".choice input:checked+span{background:#1f2330;border-color:#1f2330;color:#fff}" +
    ".hint{display:flex;justify-content:space-between;color:#5b6275;font-size:12px;margin-top:4px}" +
    "label{display:flex;flex-direction:column;gap:4px}" +
    "select,textarea{border:1px solid #c9cedb;border-radius:8px;padding:8px;background:#fff;width:100%}textarea{min-height:84px;resize:vertical}" +
    ".actions{display:flex;justify-content:flex-end;gap:8px}" +
    ".actions button{border-radius:8px;padding:8px 14px;cursor:pointer;border:1px solid #c9cedb;background:#fff}" +
    ".actions button[type=submit]{background:#1f2330;border-color:#1f2330;color:#fff}" +
    ".error{color:#b42318;margin:0}.error:empty{display:none}.done{margin:0;font-weight:500}" +
    "[hidden]{display:none!important}";

  var host = document.createElement("div");
  host.setAttribute("data-vigil-feedback", "");
  var root = host.attachShadow({ mode: "open" });
  var sheet = document.createElement("style");
  sheet.textContent = style;
  root.appendChild(sheet);

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    for (var name in attributes) if (Object.prototype.hasOwnProperty.call(attributes, name)) node.setAttribute(name, attributes[name]);
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // A radio group drawn as buttons: native radios keep arrow-key movement and screen-reader announcements.
  function choices(name, from, to) {
    var group = element("div", { class: "choices" });
    for (var value = from; value <= to; value++) {
      group.appendChild(element("label", { class: "choice" }, [element("input", { type: "radio", name: name, value: String(value) }), element("span", {}, [String(value)])]));
    }
    return group;
  }

  function checked(form, name) {
    var input = form.querySelector("input[name=" + name + "]:checked");
    return input ? Number(input.value) : null;
  }

  function send(path, body) {
    return fetch(config.origin + path + "?key=" + encodeURIComponent(config.key), {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Content-Type": "text/plain" },
    }).then(function (response) {
      if (!response.ok) throw new Error("Vigil answered " + response.status);
      return response.json();
    });
  }

  function focusables(container) {
    return Array.prototype.filter.call(
      container.querySelectorAll("button, select, textarea, input[type=radio]"),
      function (node) { return !node.disabled && !node.closest("[hidden]") && (node.type !== "radio" || node.checked || !container.querySelector("input[name=" + node.name + "]:checked")); }
    );
  }

  // Tab and Shift+Tab stay inside the dialog while it is open.
  function trapFocus(event, container) {
    if (event.key !== "Tab") return;
    var list = focusables(container);
    if (!list.length) return;
    var first = list[0];
    var last = list[list.length - 1];
    var active = root.activeElement;
    if (event.shiftKey && (active === first || !container.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  // ---- feedback form ----
  var launcher = element("button", { type: "button", class: "launcher", "aria-haspopup": "dialog", "data-vigil": "feedback-button" }, [t.launcher]);
  var category = element("select", { name: "category" }, Object.keys(t.categories).map(function (value) {
    return element("option", { value: value }, [t.categories[value]]);
  }));
  var text = element("textarea", { name: "text", maxlength: String(maxTextLength) });
  var formError = element("p", { class: "error", role: "alert" });
  var sendButton = element("button", { type: "submit" }, [t.send]);
  var cancelButton = element("button", { type: "button" }, [t.cancel]);
  var formFields = element("div", { style: "display:flex;flex-direction:column;gap:12px" }, [
    element("fieldset", {}, [element("legend", {}, [t.rating]), choices("rating", 1, 5), element("div", { class: "hint" }, [t.ratingHint])]),
    element("label", {}, [t.category, category]),
    element("label", {}, [t.text, text]),
    formError,
    element("div", { class: "actions" }, [cancelButton, sendButton]),
  ]);
  var thanks = element("p", { class: "done", role: "status" });
  var form = element("form", { class: "panel", role: "dialog", "aria-modal": "true", "aria-labelledby": "vigil-feedback-title", novalidate: "" }, [
    element("h2", { id: "vigil-feedback-title" }, [t.title]),
    formFields,
    thanks,
  ]);
  var backdrop = element("div", { class: "backdrop", hidden: "" }, [form]);
  var returnFocusTo = null;
  var closeTimer = null;

  function openForm() {
    if (!backdrop.hidden) return;
    returnFocusTo = root.activeElement || document.activeElement;
    form.reset();
    formError.textContent = "";
    thanks.textContent = "";
    formFields.hidden = false;
    sendButton.disabled = false;
    sendButton.textContent = t.send;
    backdrop.hidden = false;
    form.querySelector("input[name=rating]").focus();
  }

  function closeForm() {
    if (backdrop.hidden) return;
    clearTimeout(closeTimer);
    backdrop.hidden = true;
    if (returnFocusTo && typeof returnFocusTo.focus === "function") returnFocusTo.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var rating = checked(form, "rating");
    if (rating === null) {
      formError.textContent = t.rateFirst;
      form.querySelector("input[name=rating]").focus();
      return;
    }
    formError.textContent = "";
    sendButton.disabled = true;
    sendButton.textContent = t.sending;
    send("/v1/feedback", {
      rating: rating,
      category: category.value,
      text: text.value.trim() || undefined,
      page: location.pathname,
      distinct_id: config.distinctId(),
    }).then(function () {
      formFields.hidden = true;
      thanks.textContent = t.thanks;
      form.focus();
      closeTimer = setTimeout(closeForm, 2500);
    }, function () {
      sendButton.disabled = false;
      sendButton.textContent = t.send;
      formError.textContent = t.failed;
    });
  });
  form.setAttribute("tabindex", "-1");
  cancelButton.addEventListener("click", closeForm);
  backdrop.addEventListener("click", function (event) {
    if (event.target === backdrop) closeForm();
  });
  backdrop.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.stopPropagation();
      closeForm();
    } else {
      trapFocus(event, form);
    }
  });
  launcher.addEventListener("click", openForm);
  if (script.getAttribute("data-feedback") !== "off") root.appendChild(launcher);
  root.appendChild(backdrop);

  // ---- NPS survey ----
  // Not modal and not focused on arrival: the question appears beside the page's work and may be ignored.
  function showSurvey(question) {
    var comment = element("textarea", { name: "comment", maxlength: String(maxTextLength) });
    var surveyError = element("p", { class: "error", role: "alert" });
    var fields = element("div", { style: "display:flex;flex-direction:column;gap:12px" }, [
      element("fieldset", {}, [
        element("legend", { id: "vigil-nps-question" }, [question || t.npsQuestion]),
        choices("score", 0, 10),
        element("div", { class: "hint", "aria-hidden": "true" }, [element("span", {}, ["0 " + t.npsLow]), element("span", {}, ["10 " + t.npsHigh])]),
      ]),
      element("label", {}, [t.npsComment, comment]),
      surveyError,
      element("div", { class: "actions" }, [element("button", { type: "button", "data-action": "later" }, [t.npsLater]), element("button", { type: "submit" }, [t.send])]),
    ]);
    var done = element("p", { class: "done", role: "status" });
    var survey = element("form", { class: "panel survey", role: "dialog", "aria-modal": "false", "aria-labelledby": "vigil-nps-question", "data-vigil": "nps", novalidate: "" }, [fields, done]);

    function dismiss() {
      survey.remove();
      send("/v1/nps", { distinct_id: config.distinctId(), dismissed: true, page: location.pathname }).catch(function () {});
    }

    survey.addEventListener("submit", function (event) {
      event.preventDefault();
      var score = checked(survey, "score");
      if (score === null) {
        surveyError.textContent = t.scoreFirst;
        return;
      }
      send("/v1/nps", { distinct_id: config.distinctId(), score: score, comment: comment.value.trim() || undefined, page: location.pathname }).then(function () {
        fields.hidden = true;
        done.textContent = t.npsThanks;
        setTimeout(function () { survey.remove(); }, 2500);
      }, function () {
        surveyError.textContent = t.failed;
      });
    });
    survey.querySelector("[data-action=later]").addEventListener("click", dismiss);
    survey.addEventListener("keydown", function (event) {
      if (event.key === "Escape") dismiss();
    });
    root.appendChild(survey);
  }

  // The server decides whether this user is due (once per period, across devices for an identified user) and
  // records the showing in the same step.
  function askIfDue() {
    send("/v1/nps/prompt", { distinct_id: config.distinctId() }).then(function (decision) {
      if (decision && decision.due) showSurvey(decision.question);
    }, function () {});
  }

  function mount() {
    document.body.appendChild(host);
    if (script.getAttribute("data-nps") !== "off") {
      var delayText = script.getAttribute("data-nps-delay-ms");
      var delay = delayText ? Number(delayText) : NaN;
      setTimeout(askIfDue, isNaN(delay) ? 5000 : delay);
    }
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  return { open: openForm };
}
