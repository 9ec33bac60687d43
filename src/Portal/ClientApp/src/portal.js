// Entry of wwwroot/dist/portal.js: one classic script that Blazor's JS interop reaches as
// window.portal.charts.*, window.portal.promql.* and window.portal.visibility.* (see Components/Shared).
import * as charts from './charts.js';
import * as promql from './promql-editor.js';
import * as visibility from './visibility.js';

window.portal = Object.freeze({ charts, promql, visibility });
