// Goroscope embed script for documentation pages. Add it once:
//
//   <script src="https://YOUR-HOST/goroscope/embed.js"></script>
//
// and every <pre class="goroscope"> block on the page becomes a steppable Goroscope viewer: an iframe of
// the app's embed view (index.html?embed=1) next to this script, with the block's text as the program in
// the documented plain link form (#code=<base64url of the UTF-8 text>). Options, as data attributes on
// the <pre> (or on the <script> tag, as defaults for every block):
//   data-step="12"        open at this step              data-autoplay      start playing
//   data-theme="dark"     light (default) or dark        data-editor="hide" show only the runtime
//   data-procs="2"        GOMAXPROCS                     data-seed="7"      the scheduler's seed
//   data-height="520px"   the iframe's height            data-title="..."   the iframe's accessible title
// The program is only ever put into a URL (never into the page's HTML), so its text cannot run as code.
// See docs/embedding.md.
(function () {
  'use strict';
  var script = document.currentScript;
  var app = new URL((script && script.dataset.app) || 'index.html', script ? script.src : location.href);

  function option(pre, name) {
    var value = pre.getAttribute('data-' + name);
    if (value === null && script) value = script.getAttribute('data-' + name);
    return value;
  }

  function base64url(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  // The embed view's address for a program and options ({step, theme, editor, autoplay, procs, seed}).
  function url(code, options) {
    options = options || {};
    var query = new URLSearchParams({ embed: '1' });
    if (options.theme === 'dark') query.set('theme', 'dark');
    if (options.editor === 'hide' || options.editor === '0' || options.editor === false) query.set('editor', '0');
    var fragment = 'code=' + base64url(code);
    ['step', 'procs', 'seed'].forEach(function (key) {
      if (options[key] != null && /^\d+$/.test(String(options[key]))) fragment += '&' + key + '=' + options[key];
    });
    if (options.autoplay != null && options.autoplay !== false && options.autoplay !== 'false') fragment += '&autoplay=1';
    var target = new URL(app.href);
    target.search = query.toString();
    target.hash = fragment;
    return target.href;
  }

  function embed(pre) {
    if (pre.getAttribute('data-goroscope-embedded')) return null;
    var code = pre.textContent.replace(/^\n/, '').replace(/\s+$/, '') + '\n';
    var iframe = document.createElement('iframe');
    iframe.src = url(code, {
      step: option(pre, 'step'), theme: option(pre, 'theme'), editor: option(pre, 'editor'),
      autoplay: option(pre, 'autoplay'), procs: option(pre, 'procs'), seed: option(pre, 'seed'),
    });
    iframe.title = option(pre, 'title') || 'Goroscope: a Go program, step by step';
    iframe.className = 'goroscope-embed';
    iframe.style.width = '100%';
    iframe.style.height = option(pre, 'height') || '520px';
    iframe.style.border = '1px solid #c9d1db';
    iframe.style.borderRadius = '8px';
    pre.setAttribute('data-goroscope-embedded', '1');
    pre.hidden = true; // kept in the page for readers without frames, printing and search
    pre.parentNode.insertBefore(iframe, pre.nextSibling);
    return iframe;
  }

  function embedAll() {
    var blocks = document.querySelectorAll('pre.goroscope');
    for (var i = 0; i < blocks.length; i++) embed(blocks[i]);
  }

  window.Goroscope = { embed: embed, embedAll: embedAll, url: url };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', embedAll);
  else embedAll();
})();
