use yew::prelude::*;

use crate::clerk::Clerk;

#[derive(Properties, PartialEq)]
pub struct ClerkProviderProps {
    pub clerk: Clerk,
    #[prop_or_default]
    pub children: Html,
}

/// Gives [`crate::hooks::use_clerk`] its Clerk in a Yew app.
#[component]
pub fn ClerkProvider(props: &ClerkProviderProps) -> Html {
    html! {
        <ContextProvider<Clerk> context={props.clerk.clone()}>
            { props.children.clone() }
        </ContextProvider<Clerk>>
    }
}
