/** The Preact components and stylesheets the content script mounts (owned by src/ui/). */
export { Badge } from '../ui/Badge';
export { Panel } from '../ui/Panel';
export { Summary } from '../ui/Summary';
export { BADGE_CSS, PANEL_CSS, SUMMARY_CSS } from '../ui/styles';
