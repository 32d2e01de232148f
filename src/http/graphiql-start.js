// GraphiQL's start, served as /graphiql/start.js before the bundle: the page's options come from a JSON
// data block (no inline script, so the Content-Security-Policy needs none), the editor's workers from this origin.
'use strict';
(() => {
  const workers = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: (_moduleId, label) => `/graphiql/${workers[label] ?? workers.editorWorkerService}`,
  };
  document.addEventListener('DOMContentLoaded', () => {
    const options = JSON.parse(document.getElementById('graphiql-options').textContent);
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
  });
})();
