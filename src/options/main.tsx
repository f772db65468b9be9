import '../i18n/english';
import { render } from 'preact';
import { t } from '../i18n';
import { O } from '../ui/wording';
import { Options } from './Options';
import '../ui/extension-page.css';
import './options.css';

document.documentElement.lang = t('html_lang');
document.title = O.title;
render(<Options />, document.getElementById('app')!);
