//! R16 (seed 4.3): after the cut-over a DA who also holds a business user ID gets that ID's
//! business user groups on the DA ID, and then needs the business ID no more.

/// The DA's groups with the user's added, each once, in the DA's order then the user's.
/// `None` when the DA holds every one of them already: nothing to ask for.
pub fn merged(da: &[String], user: &[String]) -> Option<Vec<String>> {
    let mut all = da.to_vec();
    for group in user {
        if !all.contains(group) {
            all.push(group.clone());
        }
    }
    (all.len() > da.len()).then_some(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn r16_the_users_groups_join_the_das_each_once() {
        assert_eq!(
            merged(&groups(&["ENQUIRY"]), &groups(&["SETTLEMENT", "ENQUIRY"])),
            Some(groups(&["ENQUIRY", "SETTLEMENT"]))
        );
        assert_eq!(
            merged(&[], &groups(&["SETTLEMENT"])),
            Some(groups(&["SETTLEMENT"]))
        );
    }

    #[test]
    fn r16_nothing_new_is_nothing_to_ask() {
        assert_eq!(
            merged(&groups(&["SETTLEMENT"]), &groups(&["SETTLEMENT"])),
            None
        );
        assert_eq!(merged(&groups(&["SETTLEMENT"]), &[]), None);
    }
}
