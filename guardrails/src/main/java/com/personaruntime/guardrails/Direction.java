package com.personaruntime.guardrails;

/** Whether the checked text comes from the audience ({@code INPUT}) or from the persona ({@code OUTPUT}). */
public enum Direction {
  INPUT, OUTPUT
}
