/**
 * ecoute-page.js, the hosted survey page's own script (hosted/survey.html, served at
 * /s/{survey}): the survey id comes from the address, `?channel=qr|email|kiosk` says where the
 * person came from (a QR code on a counter, an e-mail campaign, a tablet at the tourism
 * office), `?lang=en` the language. It runs before ecoute.js (both deferred, in this order),
 * so the element is drawn once, with its attributes.
 */
const url = new URL(location.href);
const survey = document.querySelector('ecoute-survey');
const channel = url.searchParams.get('channel');
const lang = url.searchParams.get('lang');
survey?.setAttribute('survey', decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? ''));
if (channel) survey?.setAttribute('channel', channel);
if (lang) survey?.setAttribute('lang', lang);
// A kiosk fills the tablet's screen.
if (channel === 'kiosk') document.documentElement.classList.add('kiosk');
