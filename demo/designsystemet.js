// The Designsystemet demo's two switches: which brand theme the page loads,
// and Designsystemet's own data-color-scheme on <html>. The guide follows both
// through the --ds-* tokens and the color-scheme property they set.

const themeLink = document.getElementById('ds-theme');
const themeChoice = document.getElementById('ds-theme-choice');
const schemeChoice = document.getElementById('ds-scheme-choice');
const params = new URLSearchParams(location.search);

function apply() {
  themeLink.href = `../node_modules/@digdir/designsystemet-theme/brand/${themeChoice.value}.css`;
  document.documentElement.dataset.colorScheme = schemeChoice.value;
  params.set('tema', themeChoice.value);
  params.set('skjema', schemeChoice.value);
  history.replaceState(null, '', `?${params}`);
}

if (['digdir', 'altinn', 'portal'].includes(params.get('tema'))) themeChoice.value = params.get('tema');
if (['light', 'dark', 'auto'].includes(params.get('skjema'))) schemeChoice.value = params.get('skjema');
themeChoice.addEventListener('change', apply);
schemeChoice.addEventListener('change', apply);
apply();
