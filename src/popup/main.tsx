import '../i18n/english';
import { render } from 'preact';
import { t } from '../i18n';
import { P } from '../ui/wording';
import { Popup } from './Popup';
import '../ui/extension-page.css';
import './popup.css';

document.documentElement.lang = t('html_lang');
document.title = P.title;
render(<Popup />, document.getElementById('app')!);
