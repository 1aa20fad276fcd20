//! Each route's static page, drawn at build time by the components the app runs (Leptos
//! server-side rendering on the host, feature `ssr`). The site build (`builder::boot`) writes what
//! these return into each route's `index.html`: it is the first paint on a slow line, and all a
//! phone without JavaScript or WebAssembly gets. The app, once loaded, draws the same components
//! in its place, so there is one source for the markup and nothing on screen moves.
//!
//! The pieces here that are not the app's own are the static page's: the status line the page's
//! loader fills in (`#boot-status`), the `<noscript>` note, and the home page's search box, which
//! `public/boot-search.js` runs before the app (`#boot-q`).
//!
//! Components that read the phone (storage, the clock, the page's asset map) draw their default
//! here: `crate::window()` is none on the host.

use crate::api::{Catalog as CatalogContext, LibraryShipped};
use crate::components::{Footer, Header, Hotline};
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;
use pocketlaw_engine::calc::CalcInfo;
use pocketlaw_engine::library::LawInfo;
use pocketlaw_engine::model::{ArticleText, Catalog, DocPage, Notice, Topic};
use std::sync::Arc;

pub use crate::routes::law::whole_law_href;

/// What every page of one build shares: the catalog, and whether the statute library ships.
pub struct Site {
    catalog: Arc<Catalog>,
    library: bool,
}

/// The status line the page's loader fills in if the app cannot start (`public/index.html`).
#[component]
fn BootStatus(#[prop(into)] text: String) -> impl IntoView {
    view! { <p id="boot-status" class="boot-status" role="status">{text}</p> }
}

impl Site {
    pub fn new(catalog: &Catalog, library: bool) -> Self {
        Site { catalog: Arc::new(catalog.clone()), library }
    }

    /// The page around `main`, as the app draws it (`app::App`): skip link, header, main, footer.
    fn render<V: IntoView + 'static>(&self, path: &str, main: impl FnOnce() -> V + Send + 'static) -> String {
        let owner = Owner::new();
        owner.with(|| {
            provide_context(CatalogContext(Ok(self.catalog.clone())));
            provide_context(LibraryShipped(self.library));
            provide_context(RequestUrl::new(path));
            view! {
                <Router>
                    <a class="skip" href="#main">"跳到正文"</a>
                    <Header/>
                    <main id="main" tabindex="-1">
                        <noscript><p class="problem">"搜索、一步一步问和月考要打开浏览器的 JavaScript 功能，浏览器还要支持 WebAssembly。这一页的内容照样能看；有问题也可以直接打电话，免费咨询下面的热线。"</p></noscript>
                        {main()}
                    </main>
                    <Footer/>
                </Router>
            }
            .to_html()
        })
    }

    /// The home page (also the page of the routes that have no static form of their own: the
    /// trees, forms and the quiz draw from data the app loads).
    pub fn home(&self) -> String {
        self.render("/", || {
            view! {
                <routes::home::HomeHeading/>
                <section class="search" role="search">
                    <label for="boot-q" class="search-label">"遇到什么事？用自己的话说一说"</label>
                    <input id="boot-q" type="search" placeholder="例如：老板不给工钱" autocomplete="off" enterkeyhint="search"/>
                    <BootStatus text="正在打开……"/>
                </section>
                <routes::home::HomeSections/>
            }
        })
    }

    pub fn topic(&self, t: &Topic) -> String {
        let (path, topic) = (format!("/topic/{}", t.slug), t.clone());
        self.render(&path, move || view! { <routes::topic::TopicView topic/> <BootStatus text=""/> })
    }

    /// A guide, FAQ or quiz question, whole; `siblings` are its topic's pages (a guide's FAQs).
    pub fn doc(&self, p: &DocPage, siblings: &[DocPage]) -> String {
        let (path, page, siblings, catalog) = (format!("/doc/{}", p.id), p.clone(), siblings.to_vec(), self.catalog.clone());
        self.render(&path, move || view! { {routes::doc::article(page, &catalog, &siblings)} <BootStatus text=""/> })
    }

    pub fn notice(&self, n: &Notice) -> String {
        let (path, notice) = (format!("/notice/{}", n.id), n.clone());
        self.render(&path, move || view! { <routes::notice::NoticeView notice/> <BootStatus text=""/> })
    }

    pub fn calc_list(&self) -> String {
        self.render("/calc", || view! { <routes::calc::CalcList/> <BootStatus text=""/> })
    }

    /// A calculator before the app: what it counts; its fields need the app.
    pub fn calc_page(&self, k: &CalcInfo) -> String {
        let (path, info) = (format!("/calc/{}", k.id), k.clone());
        self.render(&path, move || {
            view! {
                <section class="calc">
                    <routes::calc::CalcIntro info/>
                    <BootStatus text="正在打开……"/>
                    <Hotline/>
                </section>
            }
        })
    }

    /// One cited article; `whole` links to it in its whole law when the library has the law.
    pub fn law(&self, a: &ArticleText, path: &str, whole: Option<String>) -> String {
        let article = a.clone();
        self.render(path, move || view! { <routes::law::ArticleView article whole/> <BootStatus text=""/> })
    }

    /// The library's search page before the app: the box and the key laws.
    pub fn laws(&self, keys: Vec<LawInfo>) -> String {
        self.render("/laws", move || {
            view! {
                <section class="laws" data-testid="laws">
                    <h1>"法律法规"</h1>
                    <section class="search" role="search">
                        <label for="law-q" class="search-label">"查法律条文：法律名称、第几条，或者用自己的话"</label>
                        <input id="law-q" type="search" placeholder="例如：劳动合同法第四十七条" autocomplete="off" enterkeyhint="search"/>
                    </section>
                    <routes::laws::KeyLaws laws=keys/>
                </section>
                <BootStatus text="正在打开……"/>
            }
        })
    }

    /// A key law before the app: its title, date and status.
    pub fn law_whole(&self, l: &LawInfo) -> String {
        let (path, info) = (format!("/laws/{}", l.id), l.clone());
        self.render(&path, move || {
            view! {
                <article class="law-whole" data-testid="law-whole"><routes::laws::LawHead info/></article>
                <BootStatus text="正在打开……"/>
            }
        })
    }
}
