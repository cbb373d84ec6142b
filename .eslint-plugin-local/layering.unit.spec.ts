import path from 'node:path';
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import layering from './layering.js';

RuleTester.describe = describe;
RuleTester.it = it;
const root = path.resolve(import.meta.dirname, '..');
const at = (file: string) => path.join(root, file);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2023, sourceType: 'module' } });

tester.run('local/layering', layering, {
  valid: [
    { filename: at('shared/clinic/visit/decide.ts'), code: "import { z } from 'zod'; import { x } from '../../eventsourcing/index.js';" },
    { filename: at('shared/clinic/visit/decide.unit.spec.ts'), code: "import { it } from 'vitest'; import fc from 'fast-check';" },
    { filename: at('src-main/core/store/db.ts'), code: "import fs from 'node:fs'; import D from 'better-sqlite3'; import { a } from '../../../shared/eventsourcing/index.js';" },
    { filename: at('src-main/electron/main.ts'), code: "import { app } from 'electron'; import { c } from '../core/desk-core.js';" },
    { filename: at('src-renderer/App.tsx'), code: "import React from 'react'; import { create } from 'zustand'; import { m } from '../shared/contract/index.js';" },
    {
      filename: at('src-renderer/ui/Dialog.tsx'),
      code: "import { Dialog } from 'react-aria-components'; import { useTranslation } from 'react-i18next'; import i18next from 'i18next'; import { Time } from '@internationalized/date'; import '@fontsource/pretendard/400.css';",
    },
    { filename: at('src-node/sqlite/database.ts'), code: "import fs from 'node:fs'; import D from 'better-sqlite3'; import { z } from '../../shared/contract/values.js';" },
    { filename: at('src-main/core/store/desk-store.ts'), code: "import { openMigrated } from '../../../src-node/sqlite/migrate.js';" },
    { filename: at('src-main/electron/main.ts'), code: "import { l } from '../../src-node/data-folder-lock.js';" },
    { filename: at('src-main/web/main.ts'), code: "import { l } from '../../src-node/data-folder-lock.js';" },
    { filename: at('src-server/store/sqlite/open-sqlite.ts'), code: "import { openMigrated } from '../../../src-node/sqlite/migrate.js';" },
    { filename: at('test/int/x.int.spec.ts'), code: "import { c } from '../../src-main/electron/main.js'; import fs from 'node:fs';" },
  ],
  invalid: [
    { filename: at('shared/eventsourcing/a.ts'), code: "import fs from 'node:fs';", errors: [{ messageId: 'layering' }] },
    { filename: at('shared/eventsourcing/a.ts'), code: "import { v7 } from 'uuid';", errors: [{ messageId: 'layering' }] },
    { filename: at('shared/eventsourcing/a.ts'), code: "const m = await import('electron');", errors: [{ messageId: 'layering' }] },
    { filename: at('shared/eventsourcing/a.ts'), code: "import { s } from '../../src-main/core/store.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('shared/eventsourcing/a.unit.spec.ts'), code: "import { s } from '../../src-main/core/store.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-main/core/desk-core.ts'), code: "import { app } from 'electron';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-main/core/desk-core.ts'), code: "const { app } = require('electron');", errors: [{ messageId: 'layering' }] },
    { filename: at('src-main/core/desk-core.ts'), code: "import { w } from '../web/server.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-main/web/server.ts'), code: "import { m } from '../electron/main.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-main/electron/main.ts'), code: "export * from '../web/server.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-server/app.ts'), code: "import { c } from '../src-main/core/desk-core.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-node/sqlite/database.ts'), code: "import { app } from 'electron';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-node/sqlite/database.ts'), code: "import { c } from '../../src-main/core/desk-core.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-node/sqlite/database.ts'), code: "import { s } from '../../src-server/settings.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('shared/eventsourcing/a.ts'), code: "import { d } from '../../src-node/sqlite/database.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-renderer/App.tsx'), code: "import { d } from '../src-node/sqlite/database.js';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-renderer/App.tsx'), code: "import fs from 'fs';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-renderer/App.tsx'), code: "import D from 'better-sqlite3';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-renderer/App.tsx'), code: "import { run } from 'axe-core';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-renderer/App.tsx'), code: "import { Button } from '@react-aria/button';", errors: [{ messageId: 'layering' }] },
    { filename: at('src-renderer/App.tsx'), code: "import { c } from '../src-main/core/desk-core.js';", errors: [{ messageId: 'layering' }] },
  ],
});
