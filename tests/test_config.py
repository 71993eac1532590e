import pytest

from digest.config import Config, ConfigError, load_config


def test_missing_file_means_defaults(tmp_path):
    config = load_config(tmp_path / "config.yaml")
    assert config.output_dir == "site" and config.language == "vi"
    assert config.root == tmp_path


def test_every_wrong_key_is_reported_at_once(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("title: 12\nlatest_count: ba\nthem: x\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    lines = str(err.value).splitlines()
    assert f"{path}: title: must be text, not 12" in lines
    assert f"{path}: latest_count: must be a whole number, not 'ba'" in lines
    assert any(line.startswith(f"{path}: them: unknown setting") for line in lines)


def test_yaml_errors_and_overrides(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("title: [x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot be read as YAML"):
        load_config(path)
    path.write_text("base_url: https://example.org/repo\n", encoding="utf-8")
    config = load_config(path, output_dir="out", base_url=None)
    assert config.base_url == "https://example.org/repo/"
    assert config.output_dir == "out"
    assert config.path("output_dir") == tmp_path / "out"


def test_the_repository_config_is_valid():
    from conftest import REPO
    config = load_config(REPO / "config.yaml")
    assert isinstance(config, Config) and config.title
