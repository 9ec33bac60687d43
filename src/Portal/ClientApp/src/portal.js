// Entry of wwwroot/dist/portal.js: one classic script that Blazor's JS interop reaches as window.portal.charts.*,
// window.portal.promql.*, window.portal.visibility.* (see Components/Shared) and window.portal.fence.* (the runbook
// editor's completion in ```promql fences, attached by wwwroot/js/runbook-editor.js).
import * as charts from './charts.js';
import * as fence from './fence-completion.js';
import * as promql from './promql-editor.js';
import * as visibility from './visibility.js';

window.portal = Object.freeze({ charts, fence, promql, visibility });
