import { render } from 'preact';
render(<p>pypi-provenance options</p>, document.getElementById('app')!);
