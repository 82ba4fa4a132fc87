use crate::helpers::spawn_app_with;

#[tokio::test]
async fn deep_links_load_the_spa_so_a_refresh_works() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!DOCTYPE html><title>probe</title>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app.js"), "console.log(1)").unwrap();
    let dist_path = dist.path().to_owned();
    let app = spawn_app_with(move |config| config.dist = dist_path).await;

    for path in [
        "/",
        "/dms",
        "/dms/users/B0123401",
        "/terminal",
        "/operator/phase",
    ] {
        let answer = app.get(path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert!(
            answer
                .body
                .as_str()
                .unwrap()
                .contains("<title>probe</title>"),
            "{path}"
        );
    }
    let asset = app.get("/app.js").await;
    assert_eq!(asset.body.as_str().unwrap(), "console.log(1)");
}
