//! The route table and the shared state (catalog, search client) given to every page.

use crate::api::{self, Catalog};
use crate::components::{Footer, Header};
use crate::routes;
use crate::search::SearchClient;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App(catalog: api::Loaded<pocketlaw_engine::model::Catalog>) -> impl IntoView {
    provide_context(Catalog(catalog));
    let search = SearchClient::new();
    provide_context(search);
    // Search starts on demand (a query, or the search box focused); otherwise later, after the
    // offline copy (see `SearchClient::start_later`), so the first search is quick without
    // slowing the first paint or downloading the engine twice.
    search.start_later();
    provide_context(routes::quiz::QuizState::load());
    view! {
        <Router>
            <a class="skip" href="#main">"跳到正文"</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=routes::not_found::NotFound>
                    <Route path=path!("/") view=routes::home::Home/>
                    <Route path=path!("/doc/:id") view=routes::doc::DocPage/>
                    <Route path=path!("/topic/:slug") view=routes::topic::TopicPage/>
                    <Route path=path!("/directory") view=routes::directory::DirectoryPage/>
                    <Route path=path!("/law/:law/:article") view=routes::law::LawPage/>
                    <Route path=path!("/laws") view=routes::laws::LawsPage/>
                    <Route path=path!("/laws/:id") view=routes::laws::LawWhole/>
                    <Route path=path!("/notice/:id") view=routes::notice::NoticePage/>
                    <Route path=path!("/calc") view=routes::calc::CalcList/>
                    <Route path=path!("/calc/:id") view=routes::calc::CalcPage/>
                    <Route path=path!("/tree/:id") view=routes::tree::TreePage/>
                    <Route path=path!("/form") view=routes::form::FormList/>
                    <Route path=path!("/form/:id") view=routes::form::FormPage/>
                    <Route path=path!("/quiz") view=routes::quiz::QuizHub/>
                    <Route path=path!("/quiz/month/:month") view=routes::quiz::QuizMonth/>
                    <Route path=path!("/quiz/practice/:topic") view=routes::quiz::QuizPractice/>
                    <Route path=path!("/quiz/notebook") view=routes::quiz::QuizNotebook/>
                    <Route path=path!("/quiz/history") view=routes::quiz::QuizHistory/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
