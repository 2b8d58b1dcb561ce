package glocal.stream.activity;

import glocal.schemas.avro.ViewEvent;

/** A validated view with its user's activity state after the view, passed between processors. */
public record ActiveView(ViewEvent view, UserActivity activity, boolean active, ActivityGroup group) {}
