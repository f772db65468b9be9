import { render } from 'preact';
import { P } from '../ui/wording';
import { Popup } from './Popup';
import './popup.css';

document.title = P.title;
render(<Popup />, document.getElementById('app')!);
