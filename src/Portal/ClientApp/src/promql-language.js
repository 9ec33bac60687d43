// The PromQL language setup both editors share: the rule editor's CodeMirror view (promql-editor.js) and the
// runbook editor's fence completion (fence-completion.js) complete from the same source and fail the same way.
import { PromQLExtension } from '@prometheus-io/codemirror-promql';

/** A PromQLExtension completing from `metadataUrl` (the portal's Prometheus metadata proxy), without its own linter. */
export function portalPromQL(metadataUrl) {
  return new PromQLExtension()
    // Errors are reported by the portal's own PromQL parser; a second linter would disagree with it.
    .activateLinter(false)
    .setComplete({
      remote: {
        url: metadataUrl,
        // Prometheus being down must not break typing: completion just offers less.
        httpErrorHandler: (error) => console.debug('PromQL completion unavailable:', error),
      },
    });
}
