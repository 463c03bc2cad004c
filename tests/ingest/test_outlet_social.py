"""Social channels are separate outlets (issue 10): one outlet per channel, not one per platform."""

from __future__ import annotations

import pytest

from consilience.ingest.outlet import infer_outlet, social_channel


@pytest.mark.parametrize("url, expected", [
    ("https://t.me/rybar/41234", "t.me/rybar"),
    ("https://t.me/s/Rybar/41234", "t.me/rybar"),
    ("https://telegram.me/mod_russia/100", "t.me/mod_russia"),
    ("https://x.com/AzerbaijanMOD/status/1", "x.com/azerbaijanmod"),
    ("https://twitter.com/ArmeniaMODTeam/status/2", "x.com/armeniamodteam"),
    ("https://www.youtube.com/@SomeChannel/videos", "youtube.com/somechannel"),
    ("https://www.youtube.com/c/OtherChannel", "youtube.com/otherchannel"),
    ("https://www.facebook.com/MFAofArmenia/posts/9", "facebook.com/mfaofarmenia"),
    # not a channel: the platform's own pages, share links, videos by id
    ("https://twitter.com/intent/tweet?text=x", None),
    ("https://www.youtube.com/watch?v=abc", None),
    ("https://t.me/", None),
    ("https://www.bbc.com/news/world", None),
    (None, None),
])
def test_social_channel(url, expected):
    assert social_channel(url) == expected


def test_two_channels_on_one_platform_are_two_outlets():
    a = infer_outlet({}, "https://t.me/rybar/1", "Telegram")
    b = infer_outlet({"sitename": "Telegram"}, "https://t.me/wargonzo/2", None)
    assert a == ("t.me/rybar", "url") and b == ("t.me/wargonzo", "url")
    assert a[0] != b[0]


def test_metadata_outlet_still_wins_over_the_channel():
    assert infer_outlet({"outlet": "Rybar"}, "https://t.me/rybar/1", None) == ("Rybar", "metadata")
