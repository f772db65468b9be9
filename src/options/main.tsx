import { render } from 'preact';
import { O } from '../ui/wording';
import { Options } from './Options';
import './options.css';

document.title = O.title;
render(<Options />, document.getElementById('app')!);
