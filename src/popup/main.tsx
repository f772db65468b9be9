import { render } from 'preact';
render(<p>pypi-provenance popup</p>, document.getElementById('app')!);
