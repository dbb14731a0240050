import { html, type SafeHtml } from './html.js';

export interface PageOptions {
  title: string;
  /** The page's own language and direction (each item carries its own). */
  lang?: string;
  dir?: 'rtl' | 'ltr';
  current: 'newsroom' | 'references' | 'sources' | 'story' | 'alerts';
}

/** The frame of every page: no script anywhere, one stylesheet. */
export function layout(options: PageOptions, body: SafeHtml): SafeHtml {
  const { lang = 'ar', dir = 'rtl' } = options;
  const link = (href: string, label: string, page: PageOptions['current']) =>
    html`<a href="${href}"${options.current === page ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · مرصد Marsad</title>
<link rel="stylesheet" href="/assets/marsad.css">
</head>
<body>
<header class="top" lang="ar" dir="rtl">
<a class="brand" href="/">مرصد <span lang="en" dir="ltr">Marsad</span></a>
<nav>${link('/', 'الأخبار', 'newsroom')}${link('/references', 'المقالات المرجعية', 'references')}${link('/sources', 'المصادر', 'sources')}${link('/alerts', 'التنبيهات', 'alerts')}<a href="/admin/queues">الطوابير</a></nav>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}
