/**
 * What a persona is: the persona document (ARCHITECTURE.md, "Persona files") as an immutable
 * model, its YAML/JSON reading and writing, and its validation.
 *
 * <p>API: {@link com.personaruntime.personas.Persona} (the model),
 * {@link com.personaruntime.personas.PersonaDocuments} (parse, validate, canonical JSON, YAML,
 * checksum), {@link com.personaruntime.personas.ParseResult} and
 * {@link com.personaruntime.personas.ValidationProblem} (rejections as data),
 * {@link com.personaruntime.personas.PersonaFiles} (a folder of persona files, e.g. at start-up),
 * {@link com.personaruntime.personas.ValidateCommand} (the {@code validate} command) and
 * {@link com.personaruntime.personas.DemoPersonas} (the shipped demo personas). Everything else in
 * the package is internal. Nothing here blocks on I/O except the methods that read files.
 */
package com.personaruntime.personas;
