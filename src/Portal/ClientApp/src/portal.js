// Entry of wwwroot/dist/portal.js: one classic script that Blazor's JS interop reaches as
// window.portal.charts.* and window.portal.promql.* (see Components/Shared).
import * as charts from './charts.js';
import * as promql from './promql-editor.js';

window.portal = Object.freeze({ charts, promql });
