// Modules every workflow shares instead of loading its own copy. The worker runs all workflows in
// one V8 context and gives each new workflow (and each one brought back into its cache) fresh
// copies of the modules it imports, so that no workflow can see another's module state. Loading
// TypeBox (the decisions' schemas) and the rules again for every case cost the worker several
// milliseconds of CPU per workflow. Both keep no state that one workflow could leave for another:
// TypeBox is a schema library, and rules/ is pure (its only module state is a memo of time zone
// formatters, which answers the same whichever workflow filled it). They are loaded once, before
// any workflow runs, and frozen. Nothing that depends on a workflow belongs here.
import * as typebox from '@sinclair/typebox';
import * as typeboxValue from '@sinclair/typebox/value';
import * as rules from '../rules/index.js';

// Named, so that the bundler keeps the whole of each (TypeBox declares itself free of side
// effects, and a bare import of it would be dropped).
export const SHARED_MODULES = [typebox, typeboxValue, rules];
